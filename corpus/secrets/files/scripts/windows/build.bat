@echo off
set SIGNING_PASSWORD=Riverglacier7860
signtool sign /f acme.pfx /p %SIGNING_PASSWORD% build\acme.exe
signtool sign /f acme.pfx /p %CERT_PASSWORD% build\acme.exe
