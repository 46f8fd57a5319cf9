# aim's hook for zsh, printed by `aim hook zsh`. Load it from ~/.zshrc with:
#
#   eval "$(aim hook zsh)"
#
# Every decision is aim's: this code only notices that something may have changed and
# evaluates what `aim hook-env` prints. An idle prompt runs builtins only. It asks aim when
#   - the nearest file at or above $PWD that could be a project file is another one than
#     before (so a sub-folder of the project costs nothing), or
#   - the governing .aimrc, its folder (or its symlink's target's), or aim's reload stamp (touched by aim allow, deny, reload and
#     secrets set/delete), is newer than this shell's marker, which aim touches each run.
# It runs from precmd, and from chpwd so that `cd project && command` already has the keys.
# The variables below are never exported, except __aim_state, which holds names only.

__aim_run() {
  {{NODE}} {{AIM}} "$@"
}

# The nearest of aim's search places at or above $PWD, in aim's order, into __aim_found.
# Only a regular file counts, as in aim (a folder or FIFO named .aimrc is no project file).
__aim_nearest() {
  builtin emulate -L zsh
  builtin local dir="${PWD%/}" name
  while :; do
    for name in {{SEARCH_PLACES}}; do
      if [[ -f $dir/$name ]]; then
        typeset -g __aim_found=$dir/$name
        return 0
      fi
    done
    [[ -n $dir ]] || break
    dir=${dir%/*}
  done
  typeset -g __aim_found=
}

# True when aim must be asked; see the top of this file.
__aim_stale() {
  builtin emulate -L zsh
  [[ ${__aim_found-} != "${__aim_cand-}" && ${__aim_found-} != "${__aim_gov-}" ]] && return 0
  [[ -n ${__aim_marker-} && -e $__aim_marker ]] || return 0
  [[ -n ${__aim_stamp-} && $__aim_stamp -nt $__aim_marker ]] && return 0
  [[ -n ${__aim_gov-} && ( ! -f $__aim_gov || $__aim_gov -nt $__aim_marker ) ]] && return 0
  # A symlink switched, or an older file moved over it, changes its folder's time only.
  [[ -n ${__aim_gov-} && ( ${__aim_gov%/*} -nt $__aim_marker || ${__aim_real:-$__aim_gov} -nt $__aim_marker ) ]] && return 0
  return 1
}

__aim_hook() {
  builtin local __aim_status=$?
  # Also turns allexport off in here, so nothing assigned below is exported by accident.
  builtin emulate -L zsh
  # Completion may cd to look around (direnv#1109): never load keys for that. A subshell
  # (`(cd x; cmd)`) would touch the marker of the shell it was forked from, which would then
  # miss an edit: like bash, only the shell itself asks aim.
  (( ${+compstate} || ZSH_SUBSHELL )) && return $__aim_status
  if [[ ${__aim_pwd-} != "$PWD" ]]; then
    typeset -g __aim_pwd=$PWD
    __aim_nearest
  fi
  # aim's code also sets __aim_cand: if aim cannot run, the next prompt tries again.
  if __aim_stale; then
    builtin eval "$(__aim_run hook-env zsh "$$" "$PWD")"
  fi
  return $__aim_status
}

# First in line, once however often this file is evaluated, whatever the user's options
# (ksh_arrays would otherwise keep only the first of the existing hooks).
() {
  builtin emulate -L zsh
  typeset -ag precmd_functions chpwd_functions
  (( ${precmd_functions[(Ie)__aim_hook]} )) || precmd_functions=(__aim_hook $precmd_functions)
  (( ${chpwd_functions[(Ie)__aim_hook]} )) || chpwd_functions=(__aim_hook $chpwd_functions)
}
