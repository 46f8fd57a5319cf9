# aim's hook for PowerShell, printed by `aim hook pwsh`. Load it from $PROFILE with:
#
#   aim hook pwsh | Out-String | Invoke-Expression
#
# Every decision is aim's: this code only notices that something may have changed and
# runs what `aim hook-env` prints. An idle prompt runs no process. It asks aim when
#   - the nearest file at or above the location that could be a project file is another
#     one than before (so a sub-folder of the project costs nothing), or
#   - the governing .aimrc, or aim's reload stamp (touched by aim allow, deny, reload and
#     secrets set/delete), is newer than this shell's marker, which aim touches each run.
# It wraps the prompt function once, however often this is evaluated, and keeps $? and
# $LASTEXITCODE. Previous values wait in $global: variables, which no child process sees.
# Not run in CI: PowerShell cannot be installed on the test machines (see docs/hook.md).

function global:__aim_run {
  & {{NODE}} {{AIM}} @args
}

# The nearest of aim's search places at or above $dir, in aim's order, into __aim_found.
# Only a file counts, as in aim (a folder named .aimrc is no project file).
function global:__aim_nearest([string] $dir) {
  while ($dir) {
    foreach ($name in {{SEARCH_PLACES}}) {
      $candidate = [System.IO.Path]::Combine($dir, $name)
      if (Test-Path -LiteralPath $candidate -PathType Leaf) { $global:__aim_found = $candidate; return }
    }
    $dir = [System.IO.Path]::GetDirectoryName($dir)
  }
  $global:__aim_found = ''
}

function global:__aim_newer([string] $a, [string] $b) {
  [System.IO.File]::GetLastWriteTimeUtc($a) -gt [System.IO.File]::GetLastWriteTimeUtc($b)
}

function global:__aim_stale {
  if ($global:__aim_found -ne $global:__aim_cand -and $global:__aim_found -ne $global:__aim_gov) { return $true }
  if (-not $global:__aim_marker -or -not (Test-Path -LiteralPath $global:__aim_marker)) { return $true }
  if ($global:__aim_stamp -and (__aim_newer $global:__aim_stamp $global:__aim_marker)) { return $true }
  if ($global:__aim_gov) {
    if (-not (Test-Path -LiteralPath $global:__aim_gov -PathType Leaf)) { return $true }
    if (__aim_newer $global:__aim_gov $global:__aim_marker) { return $true }
    # A symlink switched, or an older file moved over it, changes its folder's time only.
    if (__aim_newer ([System.IO.Path]::GetDirectoryName($global:__aim_gov)) $global:__aim_marker) { return $true }
    if ($global:__aim_real -and (__aim_newer $global:__aim_real $global:__aim_marker)) { return $true }
  }
  return $false
}

function global:__aim_hook {
  $location = Get-Location -PSProvider FileSystem -ErrorAction Ignore
  if (-not $location) { return }
  $dir = $location.ProviderPath
  if ($global:__aim_pwd -ne $dir) {
    $global:__aim_pwd = $dir
    __aim_nearest $dir
  }
  # aim's code also sets __aim_cand: if aim cannot run, the next prompt tries again.
  if (__aim_stale) {
    $code = (__aim_run hook-env pwsh $PID $dir) -join "`n"
    if ($code) { Invoke-Expression $code }
  }
}

if (-not $global:__aim_prompt) {
  $global:__aim_prompt = $function:prompt
  function global:prompt {
    $ok = $?
    $exitCode = $global:LASTEXITCODE
    __aim_hook
    $global:LASTEXITCODE = $exitCode
    # $? cannot be assigned: a quietly ignored error sets it back to false for the prompt.
    if (-not $ok) { Write-Error -Message 'aim: keeping $? for the prompt' -ErrorAction Ignore }
    if ($global:__aim_prompt) { & $global:__aim_prompt } else { "PS $($executionContext.SessionState.Path.CurrentLocation)> " }
  }
}
