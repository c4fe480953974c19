# install-locked.sh — sourced (". test/scripts/install-locked.sh") by make
# test, make demo and the benchmarks, from the top of the checkout.  Builds
# this checkout and installs it, then keeps /tmp/jtsyq-install.lock (fd 9)
# until the caller exits: every checkout on a machine shares the installed
# jtsyq.so, and a running cluster must not see it replaced mid-run.
# Needs root, or sudo, for the install.
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
exec 9>/tmp/jtsyq-install.lock
flock 9
make -s
$SUDO make -s install >/dev/null
