@echo off
rem rc-org for Windows: the Node.js runtime in runtime\ runs the program in app\; nothing to install.
rem Kept to ASCII on purpose: cmd.exe reads a batch file in the console's code page (936 on Chinese Windows).
setlocal
rem Node writes UTF-8. On a console window it writes UTF-16 itself (any code page shows Chinese); switching the
rem code page to 65001 while rc-org runs makes its piped or redirected output read right too (more, findstr, type).
set "RC_ORG_OLD_CP="
for /f "tokens=2 delims=:." %%c in ('chcp') do set /a "RC_ORG_OLD_CP=%%c" >nul 2>&1
chcp 65001 >nul 2>&1
"%~dp0runtime\node.exe" "%~dp0app\bin\rc-org.js" %*
set "RC_ORG_EXIT=%ERRORLEVEL%"
if defined RC_ORG_OLD_CP chcp %RC_ORG_OLD_CP% >nul 2>&1
exit /b %RC_ORG_EXIT%
