/// The package's root directory, found from this file's own path (`Tests/BreakerSimTestSupport/` is two
/// levels below it), so that tests find the bundled scenarios and the built binary wherever they run.
package enum PackageRoot {
    /// The root's absolute path, without a trailing slash.
    package static let path: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return components.joined(separator: "/")
    }()

    /// A path inside the package: `PackageRoot.appending("scenarios/flaky.json")`.
    package static func appending(_ relativePath: String) -> String {
        path + "/" + relativePath
    }
}
