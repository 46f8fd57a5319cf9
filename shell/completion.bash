# aim's completion for bash, printed by `aim completion bash`. In ~/.bashrc:
#   eval "$(aim completion bash)"
__aim_complete() {
  local cur=${COMP_WORDS[COMP_CWORD]} out fallback value _desc
  COMPREPLY=()
  out=$({{RUN}} __complete bash "--current=$cur" "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null) || return 0
  {
    IFS= read -r fallback
    while IFS=$'\t' read -r value _desc; do
      [[ -n $value ]] && COMPREPLY+=("$value")
    done
  } <<<"$out"
  if [[ ${#COMPREPLY[@]} -eq 0 ]]; then
    case $fallback in
      file) compopt -o default 2>/dev/null ;;
      dir) compopt -o dirnames 2>/dev/null ;;
      command) mapfile -t COMPREPLY < <(compgen -c -- "$cur") ;;
    esac
  fi
  return 0
}
complete -F __aim_complete aim
