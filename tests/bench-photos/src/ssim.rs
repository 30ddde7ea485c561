//! Structural similarity (Wang et al. 2004): 11x11 Gaussian window, σ = 1.5,
//! K1 = 0.01, K2 = 0.03, on 0..255 luma. Mean SSIM over valid windows.

fn gaussian() -> [f32; 11] {
    let mut k = [0f32; 11];
    let mut sum = 0.0;
    for (i, v) in k.iter_mut().enumerate() {
        let x = i as f32 - 5.0;
        *v = (-(x * x) / (2.0 * 1.5 * 1.5)).exp();
        sum += *v;
    }
    k.map(|v| v / sum)
}

/// Separable "valid" blur: output is (w - 10) x (h - 10).
fn blur(src: &[f32], w: usize, h: usize) -> Vec<f32> {
    let k = gaussian();
    let (ow, oh) = (w - 10, h - 10);
    let mut horizontal = vec![0f32; ow * h];
    for y in 0..h {
        let row = &src[y * w..(y + 1) * w];
        for x in 0..ow {
            horizontal[y * ow + x] = (0..11).map(|i| row[x + i] * k[i]).sum();
        }
    }
    let mut out = vec![0f32; ow * oh];
    for y in 0..oh {
        for x in 0..ow {
            out[y * ow + x] = (0..11).map(|i| horizontal[(y + i) * ow + x] * k[i]).sum();
        }
    }
    out
}

pub fn ssim(a: &[f32], b: &[f32], w: usize, h: usize) -> f64 {
    if w < 11 || h < 11 {
        return f64::NAN;
    }
    let (c1, c2) = ((0.01f32 * 255.0).powi(2), (0.03f32 * 255.0).powi(2));
    let mu_a = blur(a, w, h);
    let mu_b = blur(b, w, h);
    let aa: Vec<f32> = a.iter().map(|v| v * v).collect();
    let bb: Vec<f32> = b.iter().map(|v| v * v).collect();
    let ab: Vec<f32> = a.iter().zip(b).map(|(x, y)| x * y).collect();
    let (s_aa, s_bb, s_ab) = (blur(&aa, w, h), blur(&bb, w, h), blur(&ab, w, h));
    let mut total = 0f64;
    for i in 0..mu_a.len() {
        let (ma, mb) = (mu_a[i], mu_b[i]);
        let var_a = s_aa[i] - ma * ma;
        let var_b = s_bb[i] - mb * mb;
        let cov = s_ab[i] - ma * mb;
        let v = ((2.0 * ma * mb + c1) * (2.0 * cov + c2))
            / ((ma * ma + mb * mb + c1) * (var_a + var_b + c2));
        total += f64::from(v);
    }
    total / mu_a.len() as f64
}

#[cfg(test)]
mod tests {
    #[test]
    fn identical_images_score_one() {
        let img: Vec<f32> = (0..64 * 64).map(|i| (i % 255) as f32).collect();
        assert!((super::ssim(&img, &img, 64, 64) - 1.0).abs() < 1e-4);
    }
}
