import { createMediaJobs, type JobRef, type MediaJobsOptions } from 'mediajobs';

/** Your code: deletes a user's jobs, and says which are gone and which are left to retry. */
export async function deleteUserJobs(refs: JobRef[], options: MediaJobsOptions) {
  const outcomes = await createMediaJobs(options).deleteMany(refs);
  return {
    deleted: outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.ref),
    failed: outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.ref),
  };
}
