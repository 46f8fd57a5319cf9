# aim's completion for PowerShell, printed by `aim completion pwsh`. In $PROFILE:
#   aim completion pwsh | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName aim, aim.cmd, aim.ps1 -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $before = @($commandAst.CommandElements | Select-Object -Skip 1 | Where-Object { $_.Extent.EndOffset -lt $cursorPosition })
  $words = @($before | ForEach-Object { $_.Extent.Text })
  $lines = @(& {{RUN}} __complete pwsh "--current=$wordToComplete" @words 2>$null)
  if ($lines.Count -lt 2) { return }
  foreach ($line in ($lines | Select-Object -Skip 1)) {
    if (-not $line) { continue }
    $value, $description = $line -split "`t", 2
    if (-not $description) { $description = $value }
    [System.Management.Automation.CompletionResult]::new($value, $value, 'ParameterValue', $description)
  }
}
