@echo off
rem minicrm-sync: the MiniCRM XML Sync command line (README "Command line"). It starts the
rem app's own program with --cli: the command runs without a window and needs no separate
rem Node.js. Installed in the app's resources\bin folder.
setlocal
set "APP=%~dp0..\..\MiniCRM XML Sync.exe"
if not exist "%APP%" (
  echo minicrm-sync: the MiniCRM XML Sync program was not found next to %~dp0; reinstall the app. 1>&2
  exit /b 2
)
"%APP%" --cli %*
exit /b %ERRORLEVEL%
