// A concurrent index build with a lock_timeout, outside a transaction: nothing to report.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] No findings in 1 file.')
assert log.contains('BUILD SUCCESS')
return true
