import { defineVendor } from '@mediajobs/core';
import { TAVUS } from './client.js';
import { connectTavus } from './connection.js';
import { replica } from './kinds/replica.js';
import { video } from './kinds/video.js';

/** Tavus for the mediajobs facade: its kinds of resource, and how to reach them. */
export const tavus = /* @__PURE__ */ defineVendor({
  description: TAVUS,
  connect: connectTavus,
  kinds: [video, replica],
});
