@echo off
rem Drop target: drag a folder of returned forms onto this file to run "rc-org merge" on it. Outputs, if any, go
rem into a new folder beside the dropped one, never over it. The window waits for a key (not when RC_ORG_NO_PAUSE
rem is set, for tests). Kept to ASCII: cmd.exe reads a batch file in the console's code page (936 in China).
setlocal
"%~dp0runtime\node.exe" "%~dp0app\packaging\drop.mjs" merge %*
set "RC_ORG_EXIT=%ERRORLEVEL%"
if not defined RC_ORG_NO_PAUSE pause
exit /b %RC_ORG_EXIT%
