# aim's hook for fish, printed by `aim hook fish`. Load it from ~/.config/fish/config.fish:
#
#   aim hook fish | source
#
# Every decision is aim's: this code only notices that something may have changed and
# sources what `aim hook-env` prints. An idle prompt runs builtins only. It asks aim when
#   - the nearest file at or above $PWD that could be a project file is another one than
#     before (so a sub-folder of the project costs nothing), or
#   - the governing .aimrc, its folder (or its symlink's target's), or aim's reload stamp (touched by aim allow, deny, reload and
#     secrets set/delete), is newer than this shell's marker, which aim touches each run.
# It runs when PWD changes, so `cd project; and command` has the keys, and before each
# prompt, for edits and reloads. Its variables are global and unexported, except
# __aim_state, which holds names only. Defining the functions again replaces them, event
# handlers included, so evaluating this twice installs it once.

function __aim_run
    {{NODE}} {{AIM}} $argv
end

# The nearest of aim's search places at or above $PWD, in aim's order, into __aim_found.
# Only a regular file counts, as in aim (a folder or FIFO named .aimrc is no project file).
function __aim_nearest
    set -l dir (builtin string replace -r '/$' '' -- $PWD)
    while true
        for name in {{SEARCH_PLACES}}
            if builtin test -f "$dir/$name"
                set -g __aim_found "$dir/$name"
                return 0
            end
        end
        builtin test -n "$dir"; or break
        set dir (builtin string replace -r '/[^/]*$' '' -- $dir)
    end
    set -g __aim_found ''
end

# True when aim must be asked; see the top of this file.
function __aim_stale
    if builtin test "$__aim_found" != "$__aim_cand" -a "$__aim_found" != "$__aim_gov"
        return 0
    end
    builtin test -n "$__aim_marker" -a -e "$__aim_marker"; or return 0
    if builtin test -n "$__aim_stamp" -a "$__aim_stamp" -nt "$__aim_marker"
        return 0
    end
    if builtin test -n "$__aim_gov"
        builtin test -f "$__aim_gov"; or return 0
        builtin test "$__aim_gov" -nt "$__aim_marker"; and return 0
        # A symlink switched, or an older file moved over it, changes its folder's time only.
        builtin test (builtin string replace -r '/[^/]*$' '' -- $__aim_gov) -nt "$__aim_marker"; and return 0
        builtin test -n "$__aim_real" -a "$__aim_real" -nt "$__aim_marker"; and return 0
    end
    return 1
end

function __aim_hook --on-variable PWD --on-event fish_prompt
    set -l __aim_status $status
    if builtin test "$__aim_pwd" != "$PWD"
        set -g __aim_pwd $PWD
        __aim_nearest
    end
    # aim's code also sets __aim_cand: if aim cannot run, the next prompt tries again.
    if __aim_stale
        __aim_run hook-env fish $fish_pid $PWD | builtin source
    end
    return $__aim_status
end
