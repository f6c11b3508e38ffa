// Run by the Maven build (generate-test-resources of dht-transport and examples/spring-webflux-routing) in the js
// project's folder: `npm ci` unless node_modules already matches package-lock.json. npm writes
// node_modules/.package-lock.json last, after a complete install, so a hidden lock file newer than package-lock.json
// means the install is whole and current; anything else installs afresh.
import { statSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { basename } from 'node:path'

const name = basename(process.cwd())
const mtime = (file) => { try { return statSync(file).mtimeMs } catch { return -1 } }

if (mtime('node_modules/.package-lock.json') > mtime('package-lock.json')) {
  console.log(`${name}: node_modules is up to date with package-lock.json; skipping npm ci`)
  process.exit(0)
}
console.log(`${name}: npm ci (node ${process.version})`)
const started = Date.now()
const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', shell: process.platform === 'win32' })
if (npm.error) { console.error(`${name}: could not run npm: ${npm.error.message}`); process.exit(1) }
console.log(`${name}: npm ci finished in ${Date.now() - started} ms`)
process.exit(npm.status ?? 1)
