// API reference for the public packages (pnpm docs), built with warnings as errors in CI.
// openapi-typescript documents generated types with a @description block tag, declared here.
import { OptionDefaults } from 'typedoc';

const blockTags = [...OptionDefaults.blockTags, '@description'];

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'mediajobs',
  entryPointStrategy: 'packages',
  entryPoints: [
    'packages/mediajobs',
    'packages/core',
    'packages/tensorslab',
    'packages/tavus',
    'packages/bifrost',
    'packages/a2e',
    'packages/testing',
    'packages/ledger',
  ],
  // No source links: a clone may have no git remote to link to.
  packageOptions: { entryPoints: ['src/index.ts'], excludeExternals: true, blockTags, disableSources: true },
  disableSources: true,
  blockTags,
  out: '.typedoc',
  treatWarningsAsErrors: true,
  readme: 'none',
};
