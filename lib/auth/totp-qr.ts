import "server-only";
import QRCode from "qrcode";

/** The enrolment QR code as SVG markup, drawn on the server: the secret never leaves for a QR service. */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2, width: 224 });
}
