// How the extension starts `lockstep lsp` from its settings, with the VS Code API replaced by a stand-in.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const test = require('node:test');

const folders = [];
const standIns = {
  vscode: { workspace: { workspaceFolders: folders } },
  'vscode-languageclient/node': { LanguageClient: class {} },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return request in standIns ? standIns[request] : load.call(this, request, ...rest);
};
const { serverCommand } = require('../out/extension.js');

function settings(values) {
  return { get: key => values[key] };
}

test('a jar runs with the Java of JAVA_HOME, with the PostgreSQL version and fail level', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'jdk-'));
  fs.mkdirSync(path.join(home, 'bin'));
  const java = path.join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java');
  fs.writeFileSync(java, '');
  const saved = process.env.JAVA_HOME;
  process.env.JAVA_HOME = home;
  try {
    assert.deepEqual(serverCommand(settings({ jar: '/opt/lockstep.jar', pgVersion: 15, failLevel: 'error' })),
      { command: java, args: ['-jar', '/opt/lockstep.jar', 'lsp', '--pg-version', '15', '--fail-level', 'error'] });
    assert.equal(serverCommand(settings({ jar: '/opt/lockstep.jar', java: '/usr/bin/java21' })).command, '/usr/bin/java21');
  } finally {
    if (saved === undefined) delete process.env.JAVA_HOME; else process.env.JAVA_HOME = saved;
  }
});

test('a configured command wins over the project and the PATH', () => {
  const cmd = serverCommand(settings({ path: '/usr/local/bin/lockstep', pgVersion: null, failLevel: '' }));
  assert.equal(cmd.command, '/usr/local/bin/lockstep');
  assert.deepEqual(cmd.args, ['lsp']);
});

test("the project's npm package, else lockstep on the PATH", () => {
  assert.equal(serverCommand(settings({})).command, 'lockstep');
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'project-'));
  const bin = path.join(project, 'node_modules', '.bin');
  fs.mkdirSync(bin, { recursive: true });
  const shim = path.join(bin, process.platform === 'win32' ? 'lockstep.cmd' : 'lockstep');
  fs.writeFileSync(shim, '');
  folders.push({ uri: { fsPath: project } });
  try {
    assert.equal(serverCommand(settings({})).command, shim);
  } finally {
    folders.pop();
  }
});
