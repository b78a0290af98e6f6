import type { Feature } from '../src/core/feature.js';
import { communityFeature } from './community.js';
import { helpFeature } from './help.js';

/** Every feature the bot runs, in the order their text handlers are tried. */
export const features: Feature[] = [helpFeature, communityFeature];
