import type { Member } from '../../store/schema.js';
import { fromPair, type Metric, Pair } from './metric.js';
import { type Period, placeIn } from './period.js';

/** How big the community is and how it moved. */
export interface SizeSection {
  /** Members in the group at the end of the period (as far as the bot saw them). */
  members: Metric;
  joined: Metric;
  left: Metric;
  removed: Metric;
  /** joined − left − removed. */
  netGrowth: Metric;
}

function inGroupAt(member: Member, at: string): boolean {
  const since = member.joinedAt ?? member.firstSeen;
  if (since >= at) return false;
  return member.status === 'active' || member.leftAt === undefined || member.leftAt >= at;
}

/** One pass over the community's members. */
export function sizeSection(members: readonly Member[], period: Period): SizeSection {
  const has = period.previous !== undefined;
  const count = new Pair();
  const joined = new Pair();
  const left = new Pair();
  const removed = new Pair();
  const net = new Pair();
  for (const member of members) {
    if (inGroupAt(member, period.current.to)) count.current++;
    if (period.previous && inGroupAt(member, period.previous.to)) count.previous++;
    const joinedIn = placeIn(period, member.joinedAt);
    joined.add(joinedIn);
    net.add(joinedIn);
    if (member.status !== 'active') {
      const leftIn = placeIn(period, member.leftAt);
      (member.status === 'removed' ? removed : left).add(leftIn);
      net.add(leftIn, -1);
    }
  }
  return {
    members: fromPair('count', count, has),
    joined: fromPair('count', joined, has),
    left: fromPair('count', left, has),
    removed: fromPair('count', removed, has),
    netGrowth: fromPair('count', net, has),
  };
}
