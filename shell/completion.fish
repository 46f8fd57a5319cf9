# aim's completion for fish, printed by `aim completion fish`. In ~/.config/fish/config.fish:
#   aim completion fish | source
function __aim_complete
    set -l words (commandline -opc)
    set -e words[1]
    set -l cur (commandline -ct)
    set -l out ({{RUN}} __complete fish "--current=$cur" $words 2>/dev/null)
    or return 0
    set -l fallback $out[1]
    set -e out[1]
    if set -q out[1]
        printf '%s\n' $out
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
