@echo off
rem lockstep on the Java runtime of this package, without Node. It runs without the ahead-of-time
rem cache, which the lockstep npm package's launcher (bin\lockstep.js there) checks and uses.
setlocal
set "dir=%~dp0.."
if not exist "%dir%\runtime\bin\java.exe" (
  echo lockstep: %dir% is incomplete ^(runtime\bin\java.exe is missing^); reinstall it 1>&2
  exit /b 2
)
if not exist "%dir%\lib\lockstep.jar" (
  echo lockstep: %dir% is incomplete ^(lib\lockstep.jar is missing^); reinstall it 1>&2
  exit /b 2
)
"%dir%\runtime\bin\java.exe" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx1g -Xlog:disable -Xlog:all=error:stderr %LOCKSTEP_JAVA_OPTS% -jar "%dir%\lib\lockstep.jar" %*
exit /b %ERRORLEVEL%
