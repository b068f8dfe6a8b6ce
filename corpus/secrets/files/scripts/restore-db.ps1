param([string]$Server = 'sql01')
$pw = ConvertTo-SecureString "zR7vjWHpLqgeqI!" -AsPlainText -Force
$pw2 = ConvertTo-SecureString $env:RESTORE_PW -AsPlainText -Force
Restore-SqlDatabase -ServerInstance $Server -Database shop -Credential $cred
