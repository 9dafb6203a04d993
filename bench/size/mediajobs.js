export { createMediaJobs } from 'mediajobs';
