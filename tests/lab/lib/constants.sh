# Shared by scripts/lab.sh and tests/lab/probe.sh: where the lab installs the
# servers it unpacks, the lab user's home and password, and the test file's
# content (a transfer is "ok" only when exactly this arrived).
LAB_OPT=${LAB_OPT:-/opt/pasv-lab}
LAB_HOME=/var/lib/pasv-lab-home
LAB_PW=lab-pw-7f3a
HELLO="Hello from the PASV Lens lab: if you can read this, the data connection worked."
