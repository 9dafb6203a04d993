#!/usr/bin/env bash
# The README's main job against the embedded default: delete a sample of jobs on all five APIs and
# inspect one, through the mediajobs CLI with --mock (Prism mocks built from specs/, no keys needed).
set -euo pipefail
cd "$(dirname "$0")/.."
mediajobs=(node packages/cli/dist/cli.js)
mkdir -p .demo
rm -f .demo/receipts.jsonl
echo '$ mediajobs delete --mock --from examples/sample-refs.jsonl --receipts .demo/receipts.jsonl'
"${mediajobs[@]}" delete --mock --from examples/sample-refs.jsonl --receipts .demo/receipts.jsonl
echo
echo '$ mediajobs get --mock bifrost video_abc123:openai'
"${mediajobs[@]}" get --mock bifrost video_abc123:openai
