// lockstep.toml beside the pom disables require-concurrent-index and fails only on errors:
// the remaining warning (no lock_timeout) is printed but does not fail the build.
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] ') && log.contains('V3__index_invoices.sql:1:1: warning [require-lock-timeout]')
assert !log.contains('[require-concurrent-index]')
assert log.contains('BUILD SUCCESS')
return true
