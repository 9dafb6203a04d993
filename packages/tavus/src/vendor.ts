import { defineVendor } from '@mediajobs/core';
import { TAVUS } from './client.js';
import { connectTavus } from './connection.js';
import { conversation } from './kinds/conversation.js';
import { document } from './kinds/document.js';
import { memoryStore } from './kinds/memory-store.js';
import { persona } from './kinds/persona.js';
import { replica } from './kinds/replica.js';
import { video } from './kinds/video.js';

/** Tavus for the mediajobs facade: its kinds of resource, and how to reach them. */
export const tavus = /* @__PURE__ */ defineVendor({
  description: TAVUS,
  connect: connectTavus,
  kinds: [video, replica, conversation, persona, document, memoryStore],
});
