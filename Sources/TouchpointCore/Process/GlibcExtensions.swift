import Glibc

/// The glibc calls Swift's Glibc module does not import (they sit behind `_GNU_SOURCE`), looked up once by name.
///
/// `pipe2` creates pipes close-on-exec atomically, so a child spawned by another thread in the same process (tests
/// run in parallel) can never inherit one of our pipe ends, which would keep a stage from ever seeing EOF.
/// `posix_spawn_file_actions_addchdir_np` (glibc 2.29) starts a child in the pipeline's directory without a
/// process-wide `chdir`; `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34) closes every inherited descriptor
/// above stderr in the child, whoever opened it.
package enum GlibcExtensions {
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private typealias AddChangeDirectory =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    private static func symbol<Function>(_ name: String, as type: Function.Type) -> Function? {
        guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, name) else { return nil }
        return unsafeBitCast(address, to: type)
    }

    private static let pipe2Function = symbol("pipe2", as: Pipe2.self)
    private static let addChangeDirectoryFunction =
        symbol("posix_spawn_file_actions_addchdir_np", as: AddChangeDirectory.self)
    private static let addCloseFromFunction =
        symbol("posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self)

    /// A pipe whose both ends are close-on-exec (and non-blocking if asked): `(read, write)`, or nil with errno set.
    package static func makePipe(isNonBlocking: Bool = false) -> (read: Int32, write: Int32)? {
        var descriptors: [Int32] = [-1, -1]
        let flags = O_CLOEXEC | (isNonBlocking ? O_NONBLOCK : 0)
        if let pipe2Function {
            guard pipe2Function(&descriptors, flags) == 0 else { return nil }
        } else {
            guard pipe(&descriptors) == 0 else { return nil }
            for descriptor in descriptors {
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
                if isNonBlocking { _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK) }
            }
        }
        return (descriptors[0], descriptors[1])
    }

    /// Adds "change directory" to a spawn's file actions; false when this glibc cannot.
    package static func addChangeDirectory(_ actions: inout posix_spawn_file_actions_t, _ path: String) -> Bool {
        guard let addChangeDirectoryFunction else { return false }
        return addChangeDirectoryFunction(&actions, path) == 0
    }

    /// Adds "close every descriptor from `lowest` up" to a spawn's file actions; false when this glibc cannot (our
    /// own descriptors are close-on-exec anyway).
    package static func addCloseFrom(_ actions: inout posix_spawn_file_actions_t, _ lowest: Int32) -> Bool {
        guard let addCloseFromFunction else { return false }
        return addCloseFromFunction(&actions, lowest) == 0
    }
}
