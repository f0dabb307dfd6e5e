import GovLensCore
import GovLensNewMedia

// 政务新媒体 checks: the declarations (IDs, basis, examples). The work is `NewMediaChecker` in
// GovLensNewMedia, fed by `govlens newmedia check`; windows come from its rules file.

private let basis19 = "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》政务新媒体"
private let basis123 = "国办发〔2018〕123号《关于推进政务新媒体健康有序发展的意见》"
private typealias E = NewMediaExample

/// `newmedia.stale`: no post in the 2 weeks before the check point (veto).
public enum NewMediaStaleCheck: Check {
    public static let rules = [CheckRule(.newMediaStale, "政务新媒体不更新", .veto,
                                         basis: basis19 + "单项否决：监测时间点前 2 周内无更新", input: .account)]
    public static let examples: [CheckExample] = [
        .triggering(.newMediaStale, note: "最近一条发布于 20 天前", .newMedia(E([E.account("青山教育", daysAgo: Array(stride(from: 20, through: 120, by: 2)))]))),
        .clean(note: "3 天前仍有发布", .newMedia(E([E.account("青山发布", daysAgo: E.regular())]))),
    ]
}

/// `newmedia.no-interaction`: no post offers 留言/评论 (the source says so for each).
public enum NewMediaNoInteractionCheck: Check {
    public static let rules = [CheckRule(.newMediaNoInteraction, "政务新媒体未提供互动功能", .veto,
                                         basis: basis19 + "单项否决：互动回应差（未提供有效互动功能）", input: .account)]
    public static let examples: [CheckExample] = [
        .triggering(.newMediaNoInteraction, note: "全部文章关闭留言", .newMedia(E([E.account("青山交通", daysAgo: E.regular(), interaction: false)]))),
        .clean(note: "订阅源未说明是否可评论：不下结论", .newMedia(E([E.account("青山交通", daysAgo: E.regular(), interaction: nil)]))),
    ]
}

/// `newmedia.zombie`: no post for months, or too few in a quarter (僵尸/睡眠账号).
public enum NewMediaZombieCheck: Check {
    public static let rules = [CheckRule(.newMediaZombie, "政务新媒体“僵尸”“睡眠”账号", .deduct,
                                         basis: basis123 + "：整治“僵尸”“睡眠”账号", input: .account)]
    public static let examples: [CheckExample] = [
        .triggering(.newMediaZombie, note: "130 天未发布", .newMedia(E([E.account("青山林业", daysAgo: [130, 160, 200])]))),
        .triggering(.newMediaZombie, note: "一个季度仅发布 2 条", .newMedia(E([E.account("青山水利", daysAgo: [5, 60])]))),
        .clean(note: "每 3 天一条", .newMedia(E([E.account("青山发布", daysAgo: E.regular())]))),
    ]
}

/// `newmedia.duplicate`: one unit, several accounts with near-identical names on one platform.
public enum NewMediaDuplicateCheck: Check {
    public static let rules = [CheckRule(.newMediaDuplicate, "同一平台重复开设政务新媒体账号", .deduct,
                                         basis: basis123 + "：一个单位原则上在同一平台只开设一个账号", input: .account)]
    public static let examples: [CheckExample] = [
        .triggering(.newMediaDuplicate, note: "卫健委在公众号开了两个近名账号", .newMedia(E([
            E.account("青山县卫健委", owner: "青山县卫生健康委员会", daysAgo: E.regular()),
            E.account("青山县卫健委发布", owner: "青山县卫生健康委员会", daysAgo: E.regular()),
        ]))),
        .clean(note: "同名账号分在公众号和微博", .newMedia(E([
            E.account("青山发布", .wechat, daysAgo: E.regular()), E.account("青山发布", .weibo, daysAgo: E.regular()),
        ]))),
    ]
}

/// `newmedia.unregistered`: an account seen on a site's 政务新媒体 page but not in the register.
public enum NewMediaUnregisteredCheck: Check {
    public static let rules = [CheckRule(.newMediaUnregistered, "政务新媒体账号未登记备案", .deduct,
                                         basis: basis123 + "：开设、变更、关停、注销须备案", input: .account)]
    public static let examples: [CheckExample] = [
        .triggering(.newMediaUnregistered, note: "网站矩阵页列出的抖音号不在登记表中", .newMedia(E(
            [E.account("青山发布", daysAgo: E.regular())], seen: [SeenAccount(name: "青山发布", platform: .douyin)]))),
        .clean(note: "矩阵页所列账号均已登记", .newMedia(E(
            [E.account("青山发布", daysAgo: E.regular())], seen: [SeenAccount(name: "青山 发布", platform: .wechat)]))),
    ]
}

/// `newmedia.closed-not-cancelled`: closed in the register, still posting.
public enum NewMediaClosedPostingCheck: Check {
    public static let rules = [CheckRule(.newMediaClosedPosting, "已关停政务新媒体仍在发布", .deduct,
                                         basis: basis123 + "：关停账号须向平台注销", input: .account)]
    public static let examples: [CheckExample] = [
        .triggering(.newMediaClosedPosting, note: "登记为已关停，上周仍发布", .newMedia(E([E.account("青山文旅", .douyin, status: .closed, daysAgo: [6, 20])]))),
        .clean(note: "已关停且一年无发布", .newMedia(E([E.account("青山文旅", .douyin, status: .closed, daysAgo: [400])]))),
    ]
}
