# shellcheck shell=bash
# aim's hook for bash, printed by `aim hook bash`. Load it from ~/.bashrc with:
#
#   eval "$(aim hook bash)"
#
# Every decision is aim's: this code only notices that something may have changed and
# evaluates what `aim hook-env` prints. An idle prompt runs builtins only. It asks aim when
#   - the nearest file at or above $PWD that could be a project file is another one than
#     before (so a sub-folder of the project costs nothing), or
#   - the governing .aimrc, its folder (or its symlink's target's), or aim's reload stamp (touched by aim allow, deny, reload and
#     secrets set/delete), is newer than this shell's marker, which aim touches each run.
# The variables below are never exported, except __aim_state, which holds names only.

__aim_run() {
  {{NODE}} {{AIM}} "$@"
}

# The nearest of aim's search places at or above $PWD, in aim's order, into __aim_found.
# Only a regular file counts, as in aim (a folder or FIFO named .aimrc is no project file).
__aim_nearest() {
  # Quoted: behind `builtin`, local is an ordinary command and its words are split.
  \builtin local dir="${PWD%/}" name
  while :; do
    for name in {{SEARCH_PLACES}}; do
      if [[ -f $dir/$name ]]; then
        __aim_found=$dir/$name
        \builtin return 0
      fi
    done
    [[ -n $dir ]] || break
    dir=${dir%/*}
  done
  __aim_found=
}

# True when aim must be asked; see the top of this file.
__aim_stale() {
  [[ ${__aim_found-} != "${__aim_cand-}" && ${__aim_found-} != "${__aim_gov-}" ]] && \builtin return 0
  [[ -n ${__aim_marker-} && -e $__aim_marker ]] || \builtin return 0
  [[ -n ${__aim_stamp-} && $__aim_stamp -nt $__aim_marker ]] && \builtin return 0
  [[ -n ${__aim_gov-} && ( ! -f $__aim_gov || $__aim_gov -nt $__aim_marker ) ]] && \builtin return 0
  # A symlink switched, or an older file moved over it, changes its folder's time only.
  [[ -n ${__aim_gov-} && ( ${__aim_gov%/*} -nt $__aim_marker || ${__aim_real:-$__aim_gov} -nt $__aim_marker ) ]] && \builtin return 0
  \builtin return 1
}

__aim_hook() {
  \builtin local __aim_status=$?
  if [[ ${__aim_pwd-} != "$PWD" ]]; then
    __aim_pwd=$PWD
    __aim_nearest
  fi
  # aim's code also sets __aim_cand: if aim cannot run, the next prompt tries again.
  if __aim_stale; then
    \builtin eval "$(__aim_run hook-env bash "$$" "$PWD")"
  fi
  # Under `set -a` every assignment exports: keep the bookkeeping out of children's view.
  [[ $- != *a* ]] || \builtin export -n __aim_pwd __aim_found __aim_cand
  \builtin return "$__aim_status"
}

# Run first at each prompt, once however often this file is evaluated. PROMPT_COMMAND may
# be an array since bash 5.1 (older bash runs only its first element, as a string);
# ${var@a} tells which. The string branch runs only when it is not an array, whatever the
# linter infers from the other branch.
# shellcheck disable=SC2128,SC2178
if ((BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] >= 501)) && [[ -n ${PROMPT_COMMAND+x} && ${PROMPT_COMMAND@a} == *a* ]]; then
  if [[ " ${PROMPT_COMMAND[*]} " != *" __aim_hook "* ]]; then
    PROMPT_COMMAND=(__aim_hook "${PROMPT_COMMAND[@]}")
  fi
elif [[ ";${PROMPT_COMMAND-};" != *";__aim_hook;"* ]]; then
  PROMPT_COMMAND="__aim_hook${PROMPT_COMMAND:+;$PROMPT_COMMAND}"
fi
