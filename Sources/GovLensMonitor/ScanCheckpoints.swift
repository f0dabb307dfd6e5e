import GovLensChecks
import GovLensScan
import GovLensStore

/// A scan's checkpoint in the store, written as the rule book's `checkpoint` section says.
public enum ScanCheckpoints {
    /// Opens the checkpoint of `owner` (the site itself when nil) for a scan with `options`: the
    /// earlier run's when `use` allows it, else a new one. Throws `CheckpointError` for `--resume`
    /// without a matching checkpoint.
    public static func open(_ store: ScanStore, options: ScanOptions, owner: String? = nil, use: CheckpointUse) throws
        -> ScanCheckpoint
    {
        let site = try SiteScanner.crawlConfig(options).start.description
        // No section in a province's rule file: every answer is written at once (safe, slower).
        let every = options.rules.checkpoint
        let policy = CheckpointPolicy(pages: every?.pages ?? 1, seconds: every?.seconds ?? 0,
                                      bytes: (every?.megabytes ?? 0) << 20)
        return try store.checkpoint(owner: owner ?? site, site: site, settings: SiteScanner.checkpointSettings(options),
                                    use: use, policy: policy)
    }
}
