import Foundation
import ImageIO
import UIKit
import UniformTypeIdentifiers

/// Photos from the camera and PhotosPicker, written as JPEG into the folder the core reads
/// (`setPhotoInputDirs`). HEIC is converted here with ImageIO, copying its metadata (EXIF
/// capture time, GPS, orientation) into the JPEG, so the core keeps one input format and reads
/// the same tags it reads from any phone's JPEG; the core then compresses and strips them.
enum PhotoFiles {
    static var inbox: URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("photo-inbox", isDirectory: true)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes `data` (JPEG or HEIC, from the camera or the picker) as a JPEG in the inbox.
    static func writeJPEG(_ data: Data) throws -> URL {
        let url = inbox.appendingPathComponent(UUID().uuidString).appendingPathExtension("jpg")
        guard let source = CGImageSourceCreateWithData(data as CFData, nil),
            let type = CGImageSourceGetType(source)
        else { throw CocoaError(.fileReadCorruptFile) }
        if UTType(type as String) == .jpeg {
            try data.write(to: url, options: .atomic)
            return url
        }
        guard
            let destination = CGImageDestinationCreateWithURL(
                url as CFURL, UTType.jpeg.identifier as CFString, 1, nil)
        else { throw CocoaError(.fileWriteUnknown) }
        let properties = CGImageSourceCopyPropertiesAtIndex(source, 0, nil) as? [CFString: Any] ?? [:]
        var options = properties
        options[kCGImageDestinationLossyCompressionQuality] = 0.92
        CGImageDestinationAddImageFromSource(destination, source, 0, options as CFDictionary)
        guard CGImageDestinationFinalize(destination) else { throw CocoaError(.fileWriteUnknown) }
        return url
    }

    /// Writes the camera's image as a JPEG in the inbox with the capture's metadata (its EXIF
    /// time and orientation: the pixels are the sensor's, the orientation tag turns them).
    static func writeJPEG(_ image: UIImage, metadata: [String: Any]) throws -> URL {
        let url = inbox.appendingPathComponent(UUID().uuidString).appendingPathExtension("jpg")
        guard let pixels = image.cgImage,
            let destination = CGImageDestinationCreateWithURL(
                url as CFURL, UTType.jpeg.identifier as CFString, 1, nil)
        else { throw CocoaError(.fileWriteUnknown) }
        var properties = metadata
        properties[kCGImageDestinationLossyCompressionQuality as String] = 0.92
        CGImageDestinationAddImage(destination, pixels, properties as CFDictionary)
        guard CGImageDestinationFinalize(destination) else { throw CocoaError(.fileWriteUnknown) }
        return url
    }
}
