// The same job with the openai package: a client, for one videos.delete call.
import OpenAI from 'openai';

export const deleteVideo = (id) => new OpenAI({ apiKey: 'key', dangerouslyAllowBrowser: true }).videos.delete(id);
