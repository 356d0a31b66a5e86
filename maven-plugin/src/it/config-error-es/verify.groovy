// lang = "es" in a lockstep.toml that has a mistyped key: the build fails, and says why in Spanish.
def log = new File(basedir, 'build.log').text
def config = new File(basedir, 'lockstep.toml').canonicalPath
assert log.contains("lockstep: ${config}:2: clave desconocida «fail-lvl»; ¿quiso decir «fail-level»?")
assert !log.contains("unknown key")
return true
