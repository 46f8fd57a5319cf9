# aim's completion for zsh, printed by `aim completion zsh`. In ~/.zshrc, after compinit:
#   eval "$(aim completion zsh)"
__aim_complete() {
  local -a lines described
  local line fallback
  lines=("${(@f)$({{RUN}} __complete zsh "--current=${words[CURRENT]}" "${(@)words[2,CURRENT-1]}" 2>/dev/null)}")
  fallback=${lines[1]}
  for line in "${(@)lines[2,-1]}"; do
    [[ -n $line ]] || continue
    # _describe splits value from description at the first unescaped colon.
    described+=("${${line%%$'\t'*}//:/\\:}:${line#*$'\t'}")
  done
  if (( ${#described} )); then
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
