# env.sh: sourced by the benchmark scripts once they have set here (this
# directory), lede and work (BENCH_DIR).  Makes lede's path absolute and
# work exist; lets an uninstalled lede find its rules in this source tree
# unless LEDE_DATADIR says otherwise; keeps the user's own rules out
# (XDG_CONFIG_HOME empty), so that figures do not depend on ~/.config;
# and sets pin, the command that pins a run to one core where the
# machine allows, so that figures compare across core counts.
lede=$(cd "$(dirname "$lede")" && pwd)/$(basename "$lede")
mkdir -p "$work/empty-config"
work=$(cd "$work" && pwd)
if [ -z "${LEDE_DATADIR:-}" ] && [ -f "$here/../data/boilerplate" ]; then
	LEDE_DATADIR=$(cd "$here/../data" && pwd)
	export LEDE_DATADIR
fi
export XDG_CONFIG_HOME=$work/empty-config
pin=()
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true >/dev/null 2>&1; then
	pin=(taskset -c 0)
fi
