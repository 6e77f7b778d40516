/**
 * File-system failures in words a sysadmin acts on. Pure: the layers that touch files pass the
 * error in, and every command says "permission denied" or "the disk is full" the same way instead
 * of "internal error: EACCES: permission denied, open '/x/.y.tmp'".
 */

/** An error from node:fs (it carries an errno `code` and the `syscall` that failed). */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & {code: string} {
	return (
		error instanceof Error &&
		typeof (error as NodeJS.ErrnoException).code === 'string' &&
		typeof (error as NodeJS.ErrnoException).syscall === 'string'
	);
}

const reasons: Readonly<Record<string, string>> = {
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	EROFS: 'the file system is read-only',
	ENOSPC: 'the disk is full',
	EDQUOT: 'the disk quota is used up',
	EFBIG: 'the file would be larger than this process may write (file size limit, ulimit -f)',
	EISDIR: 'it is a directory',
	ENOTDIR: 'a part of the path is not a directory',
	ENOENT: 'the directory does not exist',
	EMFILE: 'too many open files',
	ENFILE: 'too many open files on this system',
	EIO: 'an input/output error of the disk',
	ENAMETOOLONG: 'the path is too long',
	ELOOP: 'the path has too many symbolic links',
};

/** "permission denied", "the disk is full", ... for an errno code (the code itself when it is not in the table). */
function describeFileErrorCode(code: string | undefined): string {
	if (code === undefined) return 'an unknown error';
	return reasons[code] ?? `error ${code}`;
}

/** The reason of any error: the words for a file-system error, else its message. */
export function describeFileError(error: unknown): string {
	if (isFileSystemError(error)) return describeFileErrorCode(error.code);
	return error instanceof Error ? error.message : String(error);
}
