/**
 * Preloaded by `npm start`, `npm run dev`, `npm run cli` and `npm run chat` (`node --require`, which runs
 * before `--import tsx` and before any module of the app is read): on a Node.js too old for the app, a
 * one-line message and exit code 1 instead of a loader error from deep inside start-up.
 *
 * The floor is what the code itself needs: JSON imports with import attributes (`with { type: 'json' }`,
 * src/main.node.ts, src/demo-seed.ts), supported from Node.js 20.10.0 on the 20 line (and 18.20.0 on
 * 18, below tsx's and our dependencies' floor of 20). package.json `engines` is stricter, as the test
 * toolchain (vitest 4, vite) needs ^20.19.0 || >=22.12.0: those are the versions the project is tested on.
 *
 * Plain CommonJS in old syntax on purpose, so that any Node.js can read it.
 */
'use strict';

var MINIMUM = [20, 10, 0];
var TESTED = '^20.19.0 || >=22.12.0';

/** Why the app cannot run on Node.js `version` ("20.9.0"), or null when it can. */
function nodeVersionProblem(version) {
  var parts = String(version).replace(/^v/, '').split('.').map(Number);
  for (var i = 0; i < MINIMUM.length; i++) {
    var have = parts[i] || 0;
    if (have > MINIMUM[i]) return null;
    if (have < MINIMUM[i]) {
      return (
        'agendador needs Node.js ' + MINIMUM.join('.') + ' or newer, and this is v' + parts.join('.') +
        ': its code imports JSON with import attributes (`with { type: \'json\' }`), which older versions cannot load. ' +
        'Install a current Node.js (tested: ' + TESTED + ', e.g. `nvm install 22`) and run `npm ci` again.'
      );
    }
  }
  return null;
}

module.exports = { nodeVersionProblem: nodeVersionProblem, MINIMUM: MINIMUM, TESTED: TESTED };

var problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(problem + '\n');
  process.exit(1);
}
