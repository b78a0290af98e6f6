/**
 * What is wrong with a DATABASE_URL, in words an operator can act on, or undefined when it names a
 * PostgreSQL database: the scheme, a host, a valid port, and the database (never left to the
 * driver's default, the user's name, which would quietly write into another database).
 */
export function databaseUrlProblem(text: string): string | undefined {
  const example = 'postgres://user:password@host:5432/database (percent-encode @, # or / in the password)';
  if (!/^postgres(ql)?:\/\//i.test(text)) return `expected a PostgreSQL URL: ${example}`;
  // A # starts a URL's fragment: an unencoded one in the password cuts the URL short silently.
  if (text.includes('#')) return `holds a # (write it %23 in the password); expected ${example}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `not a valid URL; expected ${example}`;
  }
  if (!url.hostname) return `names no host; expected ${example}`;
  if (url.pathname.length <= 1) return `names no database; expected ${example}`;
  return undefined;
}

/** The text with the password of a URL in it replaced by ***, for messages and logs. */
export function withoutPassword(text: string): string {
  // Up to the last @: a password may hold / or @ unencoded (then the URL is refused, and shown).
  return text.replace(/(\/\/[^:/@]*:).*@/, '$1***@');
}
