// The non-concurrent index build on a live table fails the build, with a clickable location.
def log = new File(basedir, 'build.log').text
def v2 = new File(basedir, 'src/main/resources/db/migration/V2__index_orders_by_customer.sql').canonicalPath
assert log.contains("[ERROR] ${v2}:5:1: error [require-concurrent-index] CREATE INDEX on orders takes a SHARE lock")
assert log.contains('lockstep: 1 finding at or above warning in the migrations (see above)')
// V1 creates orders in the same migration: its plain index builds block nobody.
assert !log.contains('V1__create_orders.sql:')
def sarif = new File(basedir, 'target/lockstep.sarif').text
assert sarif.contains('"ruleId" : "require-concurrent-index"') || sarif.contains('"ruleId": "require-concurrent-index"')
return true
