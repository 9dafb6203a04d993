// A consumer of every public client, type-checked by `pnpm bench` (tsc --extendedDiagnostics) to
// measure what our generated types cost an app's compiler.
import { createA2eClient } from '@mediajobs/a2e';
import { createBifrostClient } from '@mediajobs/bifrost';
import { createTavusClient } from '@mediajobs/tavus';
import { createTensorsLabImagesClient, createTensorsLabVideoClient } from '@mediajobs/tensorslab';
import { createMediaJobs, type DeleteOutcome, type Job } from 'mediajobs';

export async function everything(id: string): Promise<unknown[]> {
  const tavus = createTavusClient();
  const bifrost = createBifrostClient();
  const a2e = createA2eClient();
  const video = createTensorsLabVideoClient();
  const images = createTensorsLabImagesClient();
  const jobs = createMediaJobs();
  const tavusVideo = await tavus.GET('/v2/videos/{video_id}', { params: { path: { video_id: id } } });
  const list = await tavus.GET('/v2/videos', { params: { query: { limit: 10, page: 0 } } });
  const gateway = await bifrost.DELETE('/v1/videos/{video_id}', { params: { path: { video_id: id } } });
  const avatar = await a2e.DELETE('/api/v1/video/{_id}', { params: { path: { _id: id } } });
  const task = await video.POST('/v1/video/infobytaskid', { body: { taskid: id } });
  const image = await images.POST('/v1/images/deleteimagestask', { body: { taskids: [id] } });
  const job: Job = await jobs.get({ provider: 'tavus', id });
  const outcomes: DeleteOutcome[] = await jobs.deleteMany([{ provider: 'bifrost', id }]);
  return [
    tavusVideo.data?.status,
    list.data,
    gateway.data?.deleted,
    avatar.data,
    task.data,
    image.data,
    job.status,
    outcomes,
  ];
}
