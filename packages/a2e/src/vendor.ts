import { defineVendor } from '@mediajobs/core';
import { A2E } from './client.js';
import { connectA2e } from './connection.js';
import { avatar } from './kinds/avatar.js';
import { background } from './kinds/background.js';
import { captionRemoval } from './kinds/caption-removal.js';
import { dubbing } from './kinds/dubbing.js';
import { faceSwapImage } from './kinds/face-swap-image.js';
import { faceSwapTask } from './kinds/face-swap-task.js';
import { imageToVideo } from './kinds/image-to-video.js';
import { video } from './kinds/video.js';
import { voice } from './kinds/voice.js';

/** A2E for the mediajobs facade: its kinds of resource, and how to reach them. */
export const a2e = /* @__PURE__ */ defineVendor({
  description: A2E,
  connect: connectA2e,
  kinds: [video, avatar, voice, faceSwapImage, faceSwapTask, dubbing, imageToVideo, captionRemoval, background],
});
