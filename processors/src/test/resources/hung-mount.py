"""A FUSE filesystem holding one regular file whose reads never return: a network mount whose server died.

Usage: python3 hung-mount.py MOUNTPOINT NAME. The file NAME (4096 bytes) can be listed, stat'ed and opened;
a read waits for ever, as on a hard NFS mount with its server gone. Killing this process ends the waits (ENOTCONN).
"""
import errno
import stat
import sys
import threading

from fusepy import FUSE, FuseOSError, Operations

NAME = sys.argv[2]


class Hung(Operations):
    def getattr(self, path, fh=None):
        if path == "/":
            return dict(st_mode=stat.S_IFDIR | 0o755, st_nlink=2)
        if path == "/" + NAME:
            return dict(st_mode=stat.S_IFREG | 0o644, st_nlink=1, st_size=4096, st_mtime=1761027927)
        raise FuseOSError(errno.ENOENT)

    def readdir(self, path, fh):
        return [".", "..", NAME]

    def open(self, path, flags):
        return 0

    def read(self, path, size, offset, fh):
        threading.Event().wait()


FUSE(Hung(), sys.argv[1], foreground=True, ro=True)
