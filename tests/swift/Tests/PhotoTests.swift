// A real phone photo attached to a draft through the async API, and the stored JPEG read back
// segment by segment in Swift: upright, within the preset, 4:2:0, and no metadata at all.
import Foundation
import IhanoiCore
import XCTest

/// The markers of a JPEG up to its first scan, and its frame header.
struct JpegSegments {
    var markers: [UInt8] = []
    var width = 0
    var height = 0
    /// (component id, horizontal × vertical sampling byte) from the frame header.
    var sampling: [(UInt8, UInt8)] = []

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { throw CocoaError(.fileReadCorruptFile) }
        var at = 2
        while at + 4 <= bytes.count {
            guard bytes[at] == 0xFF else { throw CocoaError(.fileReadCorruptFile) }
            let marker = bytes[at + 1]
            if marker == 0xFF { at += 1; continue }  // fill byte
            markers.append(marker)
            let length = Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            let body = at + 4
            guard length >= 2, body + length - 2 <= bytes.count else { throw CocoaError(.fileReadCorruptFile) }
            if (0xC0...0xC2).contains(marker) {
                height = Int(bytes[body + 1]) << 8 | Int(bytes[body + 2])
                width = Int(bytes[body + 3]) << 8 | Int(bytes[body + 4])
                let components = Int(bytes[body + 5])
                for c in 0..<components {
                    sampling.append((bytes[body + 6 + 3 * c], bytes[body + 7 + 3 * c]))
                }
            }
            if marker == 0xDA { return }  // entropy-coded data follows
            at = body + length - 2
        }
        throw CocoaError(.fileReadCorruptFile)
    }
}

final class PhotoTests: XCTestCase {
    func testARealPhotoIsAttachedUprightSmallAndWithoutMetadata() async throws {
        let core = try openCore(for: self)
        let draft = try core.createDraft()
        let photo = try realPhonePhoto()

        let attached = try await attach(photo, to: draft.id, on: core)

        // 4000×3000 with EXIF orientation 6: stored upright, long edge at the default preset.
        XCTAssertEqual(attached.width, 1200)
        XCTAssertEqual(attached.height, 1600)
        XCTAssertLessThanOrEqual(attached.bytes, 400 * 1024)
        XCTAssertEqual(attached.source, .camera)
        XCTAssertFalse(attached.flags.noCaptureTime)
        XCTAssertEqual(attached.captureUtcOffsetMinutes, 420)
        let gps = try XCTUnwrap(attached.gps, "the EXIF GPS of the original is kept in the record")
        XCTAssertEqual(gps.latitude, 21.0287, accuracy: 1e-3)
        XCTAssertEqual(gps.longitude, 105.8524, accuracy: 1e-3)
        XCTAssertEqual(try core.photos(reportId: draft.id), [attached])

        let stored = try Data(contentsOf: URL(fileURLWithPath: attached.path))
        XCTAssertEqual(UInt64(stored.count), attached.bytes)
        let jpeg = try JpegSegments(stored)
        XCTAssertEqual([jpeg.width, jpeg.height], [1200, 1600], "the frame header says what the record says")
        XCTAssertLessThanOrEqual(max(jpeg.width, jpeg.height), 1600)
        XCTAssertEqual(jpeg.sampling.first?.1, 0x22, "luma 2×2: 4:2:0")
        // Only JFIF APP0, tables, frame, scan: no EXIF/XMP (APP1), no ICC/IPTC/maker notes
        // (APP2…APP15), no comment.
        let metadata = jpeg.markers.filter { (0xE1...0xEF).contains($0) || $0 == 0xFE }
        XCTAssertEqual(metadata, [], "metadata markers in the output: \(metadata)")
        XCTAssertNil(stored.range(of: Data("Exif".utf8)), "no EXIF header anywhere")

        let thumbnail = try JpegSegments(Data(contentsOf: URL(fileURLWithPath: attached.thumbnailPath)))
        XCTAssertEqual(max(thumbnail.width, thumbnail.height), 320)

        // The same photo again is a typed error, not a second copy.
        do {
            _ = try await attach(photo, to: draft.id, on: core, source: .gallery)
            XCTFail("a duplicate attach succeeded")
        } catch let error as IhanoiError {
            guard case .PhotoDuplicate(let text, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(error.kind(), .photoDuplicate)
            XCTAssertEqual(error.kind().code(), "photo_duplicate")
            XCTAssertFalse(text.vi.isEmpty)
        }

        try core.removePhoto(reportId: draft.id, photoId: attached.id)
        XCTAssertFalse(FileManager.default.fileExists(atPath: attached.path))
        XCTAssertEqual(try core.photos(reportId: draft.id), [])
    }

    func testACancelledAttachLeavesNothing() async throws {
        let core = try openCore(for: self)
        let draft = try core.createDraft()
        let photo = try realPhonePhoto()
        try core.setPhotoInputDirs(dirs: [photo.deletingLastPathComponent().path])
        let token = TaskHandle()
        token.cancel()
        do {
            _ = try await core.attachPhoto(
                reportId: draft.id, path: photo.path, source: .gallery, options: defaultCompressOptions(),
                task: token)
            XCTFail("a cancelled attach succeeded")
        } catch let error as IhanoiError {
            XCTAssertEqual(error.kind(), .cancelled)
        }
        XCTAssertEqual(try core.photos(reportId: draft.id), [])
    }
}
