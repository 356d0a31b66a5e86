// <lang>es</lang>: the log, the failure and the SARIF report's messages are in Spanish; ids and keys are not.
def log = new File(basedir, 'build.log').text
def v2 = new File(basedir, 'src/main/resources/db/migration/V2__index_orders_by_customer.sql').canonicalPath
assert log.contains("[ERROR] ${v2}:5:1: error [require-concurrent-index] CREATE INDEX sobre orders toma un bloqueo SHARE durante toda la construcción")
assert log.contains('lockstep: 1 hallazgo de nivel advertencia o superior en las migraciones (vea arriba)')
assert !log.contains('takes a SHARE lock')
def sarif = new File(basedir, 'target/lockstep.sarif').text
assert sarif.contains('"language" : "es"') || sarif.contains('"language": "es"')
assert sarif.contains('"ruleId" : "require-concurrent-index"') || sarif.contains('"ruleId": "require-concurrent-index"')
assert sarif.contains('toma un bloqueo SHARE durante toda la construcción')
return true
