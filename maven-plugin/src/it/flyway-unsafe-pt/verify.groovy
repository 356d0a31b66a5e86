// lang = "pt" in lockstep.toml: the log, the failure and the SARIF report's messages are in Brazilian Portuguese.
def log = new File(basedir, 'build.log').text
def v2 = new File(basedir, 'src/main/resources/db/migration/V2__index_orders_by_customer.sql').canonicalPath
assert log.contains("[ERROR] ${v2}:5:1: erro [require-concurrent-index] CREATE INDEX em orders obtém um bloqueio SHARE durante toda a construção")
assert log.contains('lockstep: 1 achado de nível aviso ou acima nas migrações (veja acima)')
assert !log.contains('takes a SHARE lock')
def sarif = new File(basedir, 'target/lockstep.sarif').text
assert sarif.contains('"language" : "pt-BR"') || sarif.contains('"language": "pt-BR"')
assert sarif.contains('obtém um bloqueio SHARE durante toda a construção')
return true
