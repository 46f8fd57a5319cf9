import type { ShellName } from "./types.js";

/**
 * The completion code `aim completion <shell>` prints. It holds no list of its own: at each
 * Tab it runs `aim __complete <shell> --current=WORD WORDS...` (node and aim by absolute,
 * quoted path, as the hook does) and offers what that prints: a first line naming what the
 * shell should complete by itself when aim has no list (file, dir, command or none), then
 * one candidate a line, `value<TAB>description`. aim answers from its command specs and
 * its metadata file: it never reads the keyring or asks anything. The current word travels
 * as --current=WORD because PowerShell before 7.3 drops an empty argument.
 */
export type CompletionTemplate = (run: string) => string;

const bash: CompletionTemplate = (run) => `# aim's completion for bash, printed by \`aim completion bash\`. In ~/.bashrc:
#   eval "$(aim completion bash)"
__aim_complete() {
  local cur=\${COMP_WORDS[COMP_CWORD]} out fallback value _desc
  COMPREPLY=()
  out=$(${run} __complete bash "--current=$cur" "\${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null) || return 0
  {
    IFS= read -r fallback
    while IFS=$'\\t' read -r value _desc; do
      [[ -n $value ]] && COMPREPLY+=("$value")
    done
  } <<<"$out"
  if [[ \${#COMPREPLY[@]} -eq 0 ]]; then
    case $fallback in
      file) compopt -o default 2>/dev/null ;;
      dir) compopt -o dirnames 2>/dev/null ;;
      command) mapfile -t COMPREPLY < <(compgen -c -- "$cur") ;;
    esac
  fi
  return 0
}
complete -F __aim_complete aim
`;

const zsh: CompletionTemplate = (run) => `# aim's completion for zsh, printed by \`aim completion zsh\`. In ~/.zshrc, after compinit:
#   eval "$(aim completion zsh)"
__aim_complete() {
  local -a lines described
  local line fallback
  lines=("\${(@f)$(${run} __complete zsh "--current=\${words[CURRENT]}" "\${(@)words[2,CURRENT-1]}" 2>/dev/null)}")
  fallback=\${lines[1]}
  for line in "\${(@)lines[2,-1]}"; do
    [[ -n $line ]] || continue
    # _describe splits value from description at the first unescaped colon.
    described+=("\${\${line%%$'\\t'*}//:/\\\\:}:\${line#*$'\\t'}")
  done
  if (( \${#described} )); then
    _describe -t aim 'aim' described
    return
  fi
  case $fallback in
    file) _files ;;
    dir) _files -/ ;;
    command) _command_names -e ;;
  esac
}
if (( $+functions[compdef] )); then
  compdef __aim_complete aim
else
  print -u2 "aim: zsh completion needs compinit first: put 'autoload -Uz compinit && compinit' before the eval in ~/.zshrc"
fi
`;

const fish: CompletionTemplate = (run) => `# aim's completion for fish, printed by \`aim completion fish\`. In ~/.config/fish/config.fish:
#   aim completion fish | source
function __aim_complete
    set -l words (commandline -opc)
    set -e words[1]
    set -l cur (commandline -ct)
    set -l out (${run} __complete fish "--current=$cur" $words 2>/dev/null)
    or return 0
    set -l fallback $out[1]
    set -e out[1]
    if set -q out[1]
        printf '%s\\n' $out
        return 0
    end
    switch "$fallback"
        case file
            __fish_complete_path "$cur"
        case dir
            __fish_complete_directories "$cur"
        case command
            __fish_complete_command "$cur"
    end
end
complete -c aim -f -a '(__aim_complete)'
`;

const pwsh: CompletionTemplate = (run) => `# aim's completion for PowerShell, printed by \`aim completion pwsh\`. In $PROFILE:
#   aim completion pwsh | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName aim, aim.cmd, aim.ps1 -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $before = @($commandAst.CommandElements | Select-Object -Skip 1 | Where-Object { $_.Extent.EndOffset -lt $cursorPosition })
  $words = @($before | ForEach-Object { $_.Extent.Text })
  $lines = @(& ${run} __complete pwsh "--current=$wordToComplete" @words 2>$null)
  if ($lines.Count -lt 2) { return }
  foreach ($line in ($lines | Select-Object -Skip 1)) {
    if (-not $line) { continue }
    $value, $description = $line -split "\`t", 2
    if (-not $description) { $description = $value }
    [System.Management.Automation.CompletionResult]::new($value, $value, 'ParameterValue', $description)
  }
}
`;

// A Record over ShellName: a new shell does not compile until it has completion code.
export const COMPLETIONS: Record<ShellName, CompletionTemplate> = { bash, zsh, fish, pwsh };
