import Foundation
import GovLensNewMedia
import Testing

/// Reading a site's 政务新媒体 column: captions in the forms county sites print them (the
/// captions are written for the test; no real column page is in the shared data).
@Suite struct SiteListingTests {
    @Test func captionsNamePlatformAndAccount() {
        let cases: [(String, String?, NewMediaPlatform?)] = [
            ("微信公众号：青山发布", "青山发布", .wechat),
            ("青山发布（新浪微博）", "青山发布", .weibo),
            ("“青山人社服务”微信公众号二维码", "青山人社服务", .wechat),
            ("扫码关注“青山人社服务”微信公众号", "青山人社服务", .wechat),
            ("抖音号 @青山文旅", "青山文旅", .douyin),
            ("今日头条：青山人社", "青山人社", .toutiao),
            ("青山县人民政府门户网站", nil, nil),      // no platform named
            ("微信公众号二维码", nil, nil),            // no name left
        ]
        for (text, name, platform) in cases {
            let a = SiteListing.account(text: text)
            #expect(a?.name == name && a?.platform == platform, "\(text) → \(String(describing: a))")
        }
    }

    @Test func aPictureAndItsCaptionAreOneAccount() {
        let seen = SiteListing.accounts([("“青山发布”微信公众号二维码", nil), ("扫码关注“青山发布”微信公众号", nil),
                                         ("青山发布（新浪微博）", "https://weibo.com/qingshan")])
        #expect(seen.map(\.name) == ["青山发布", "青山发布"] && seen.map(\.platform) == [.wechat, .weibo])
        #expect(seen[1].url == "https://weibo.com/qingshan")
    }

    @Test func registeredAccountsTheColumnDoesNotShow() {
        let register = [
            Account(name: "青山发布", platform: .wechat, owner: "县政府办"),
            Account(name: "青山发布", platform: .weibo, owner: "县政府办", url: "https://weibo.com/qingshan"),
            Account(name: "青山文旅", platform: .douyin, owner: "县文旅局"),
            Account(name: "青山旧号", platform: .wechat, owner: "县政府办", status: .closed),
        ]
        let seen = [SeenAccount(name: "青山 发布", platform: .wechat), SeenAccount(name: "官方微博", platform: .weibo, url: "http://weibo.com/qingshan/")]
        // Matched by name on the platform, and by address; a closed account is not expected on the column.
        #expect(SiteListing.unlisted(register, seen: seen).map(\.key) == ["抖音/青山文旅"])
    }
}
