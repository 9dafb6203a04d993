import { defineVendor } from '@mediajobs/core';
import { A2E } from './client.js';
import { connectA2e } from './connection.js';
import { video } from './kinds/video.js';

/** A2E for the mediajobs facade: its kinds of resource, and how to reach them. */
export const a2e = /* @__PURE__ */ defineVendor({ description: A2E, connect: connectA2e, kinds: [video] });
