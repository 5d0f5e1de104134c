# Sourced by the root filesystem builders: unmount_under DIR lazily unmounts everything mounted at or
# below DIR, deepest first (debootstrap and apt mount proc/sys inside their target; a failed run can
# leave them behind).
unmount_under() {
  for m in $(awk -v root="$1" '$5 == root || index($5, root "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
}
