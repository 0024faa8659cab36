#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Marsaglia and Tsang's ziggurat tables for exponential and normal samples.
///
/// Nearly every sample costs one 64-bit draw, one table look-up and one multiplication; the
/// logarithms and exponentials of the textbook methods run only in the rare fallback. The layer index
/// and the sample value come from different bits of the draw, so they are independent.
///
/// The tables are constants in the program, not computed at start-up: a look-up needs no lazy
/// initialisation check, and no platform's `exp` or `log` can change a bit of them. They were printed
/// from Marsaglia and Tsang's formulas, which the tests keep (`ZigguratFormula`) and compare them with.
enum Ziggurat {
    static let exponentialR = 7.697_117_470_131_487
    static let normalR = 3.442_619_855_899

    /// Exponential: the layer's acceptance bound on the 32 value bits.
    static let ke: [UInt32] = [
        0xE290_A139, 0x0000_0000, 0x9BEA_DEBC, 0xC377_AC71, 0xD4DD_B990, 0xDE89_3FB8,
        0xE4A8_E87C, 0xE8DF_F16A, 0xEBF2_DEAB, 0xEE49_A6E8, 0xF020_4EFD, 0xF19B_DB8E,
        0xF2D4_58BB, 0xF3DA_104B, 0xF4B8_6D78, 0xF577_AD8A, 0xF61D_E83D, 0xF6AF_B784,
        0xF730_A573, 0xF7A3_7651, 0xF80A_5BB6, 0xF867_189D, 0xF8BB_1B4F, 0xF907_9062,
        0xF94D_70CA, 0xF98D_8C7D, 0xF9C8_928A, 0xF9FF_175B, 0xFA31_9996, 0xFA60_85F8,
        0xFA8C_3A62, 0xFAB5_084E, 0xFADB_36C8, 0xFAFF_0410, 0xFB20_A6EA, 0xFB40_4FB4,
        0xFB5E_2951, 0xFB7A_59E9, 0xFB95_038C, 0xFBAE_44BA, 0xFBC6_38D8, 0xFBDC_F892,
        0xFBF2_9A30, 0xFC07_31DF, 0xFC1A_D1ED, 0xFC2D_8B02, 0xFC3F_6C4D, 0xFC50_83AC,
        0xFC60_DDD1, 0xFC70_8662, 0xFC7F_8810, 0xFC8D_ECB4, 0xFC9B_BD62, 0xFCA9_027C,
        0xFCB5_C3C3, 0xFCC2_0864, 0xFCCD_D70A, 0xFCD9_35E3, 0xFCE4_2AB0, 0xFCEE_BACE,
        0xFCF8_EB3B, 0xFD02_C0A0, 0xFD0C_3F59, 0xFD15_6B7B, 0xFD1E_48D6, 0xFD26_DAFF,
        0xFD2F_2552, 0xFD37_2AF7, 0xFD3E_EEE5, 0xFD46_73E7, 0xFD4D_BC9E, 0xFD54_CB85,
        0xFD5B_A2F2, 0xFD62_451B, 0xFD68_B415, 0xFD6E_F1DA, 0xFD75_0047, 0xFD7A_E120,
        0xFD80_9612, 0xFD86_20B4, 0xFD8B_8285, 0xFD90_BCF5, 0xFD95_D15E, 0xFD9A_C10B,
        0xFD9F_8D36, 0xFDA4_3708, 0xFDA8_BF9E, 0xFDAD_2806, 0xFDB1_7141, 0xFDB5_9C46,
        0xFDB9_A9FD, 0xFDBD_9B46, 0xFDC1_70F6, 0xFDC5_2BD8, 0xFDC8_CCAC, 0xFDCC_542D,
        0xFDCF_C30B, 0xFDD3_19EF, 0xFDD6_597A, 0xFDD9_8245, 0xFDDC_94E5, 0xFDDF_91E6,
        0xFDE2_79CE, 0xFDE5_4D1F, 0xFDE8_0C52, 0xFDEA_B7DE, 0xFDED_5034, 0xFDEF_D5BE,
        0xFDF2_48E3, 0xFDF4_AA06, 0xFDF6_F984, 0xFDF9_37B6, 0xFDFB_64F4, 0xFDFD_818D,
        0xFDFF_8DD0, 0xFE01_8A08, 0xFE03_767A, 0xFE05_536C, 0xFE07_211C, 0xFE08_DFC9,
        0xFE0A_8FAB, 0xFE0C_30FB, 0xFE0D_C3EC, 0xFE0F_48B1, 0xFE10_BF76, 0xFE12_2869,
        0xFE13_83B4, 0xFE14_D17C, 0xFE16_11E7, 0xFE17_4516, 0xFE18_6B2A, 0xFE19_843E,
        0xFE1A_9070, 0xFE1B_8FD6, 0xFE1C_8289, 0xFE1D_689B, 0xFE1E_4220, 0xFE1F_0F26,
        0xFE1F_CFBC, 0xFE20_83ED, 0xFE21_2BC3, 0xFE21_C745, 0xFE22_5678, 0xFE22_D95F,
        0xFE23_4FFB, 0xFE23_BA4A, 0xFE24_1849, 0xFE24_69F2, 0xFE24_AF3C, 0xFE24_E81E,
        0xFE25_148B, 0xFE25_3474, 0xFE25_47C7, 0xFE25_4E70, 0xFE25_485A, 0xFE25_356A,
        0xFE25_1586, 0xFE24_E88F, 0xFE24_AE64, 0xFE24_66E1, 0xFE24_11DF, 0xFE23_AF34,
        0xFE23_3EB4, 0xFE22_C02C, 0xFE22_336B, 0xFE21_9838, 0xFE20_EE58, 0xFE20_358C,
        0xFE1F_6D92, 0xFE1E_9621, 0xFE1D_AEF0, 0xFE1C_B7AC, 0xFE1B_B002, 0xFE1A_9798,
        0xFE19_6E0D, 0xFE18_32FD, 0xFE16_E5FE, 0xFE15_869D, 0xFE14_1464, 0xFE12_8ED3,
        0xFE10_F565, 0xFE0F_478C, 0xFE0D_84B1, 0xFE0B_AC36, 0xFE09_BD73, 0xFE07_B7B5,
        0xFE05_9A40, 0xFE03_644C, 0xFE01_1504, 0xFDFE_AB88, 0xFDFC_26E9, 0xFDF9_8629,
        0xFDF6_C83B, 0xFDF3_EC01, 0xFDF0_F04A, 0xFDED_D3D1, 0xFDEA_953D, 0xFDE7_331E,
        0xFDE3_ABE9, 0xFDDF_FDFB, 0xFDDC_2791, 0xFDD8_26CD, 0xFDD3_F9A8, 0xFDCF_9DFC,
        0xFDCB_1176, 0xFDC6_5198, 0xFDC1_5BB3, 0xFDBC_2CE2, 0xFDB6_C206, 0xFDB1_17BE,
        0xFDAB_2A63, 0xFDA4_F5FD, 0xFD9E_7640, 0xFD97_A67A, 0xFD90_8192, 0xFD89_01F2,
        0xFD81_2182, 0xFD78_D98E, 0xFD70_22BB, 0xFD66_F4ED, 0xFD5D_4732, 0xFD53_0F9C,
        0xFD48_432B, 0xFD3C_D59A, 0xFD30_B936, 0xFD23_DEA4, 0xFD16_349E, 0xFD07_A7A3,
        0xFCF8_219B, 0xFCE7_895B, 0xFCD5_C220, 0xFCC2_AADB, 0xFCAE_1D5E, 0xFC97_ED4E,
        0xFC7F_E6D4, 0xFC65_CCF3, 0xFC49_5762, 0xFC2A_2FC8, 0xFC07_EE19, 0xFBE2_13C1,
        0xFBB8_051A, 0xFB89_0078, 0xFB54_11A5, 0xFB18_0005, 0xFAD3_3482, 0xFA83_9276,
        0xFA26_3B32, 0xF9B7_2D1C, 0xF930_A1A2, 0xF889_F023, 0xF7B5_77D2, 0xF69C_650C,
        0xF515_30F0, 0xF2CB_0E3C, 0xEEEF_B15D, 0xE6DA_6ECF,
    ]

    /// Exponential: the scale from value bits to x in each layer.
    static let we: [Double] = [
        0x1.164ec94bf6631p-29, 0x1.0589d8b5d3a98p-36, 0x1.ad6b2495b485dp-36,
        0x1.19335a95b8bbep-35, 0x1.522e6e54a28b8p-35, 0x1.85090fbc278f4p-35,
        0x1.b38d1ef79b663p-35, 0x1.decd8b76dbc47p-35, 0x1.03bf049c65b9dp-34,
        0x1.170db24d6f5d9p-34, 0x1.2980290da25a2p-34, 0x1.3b388fe3d6e40p-34,
        0x1.4c515c60bfd9cp-34, 0x1.5cdf89d024a44p-34, 0x1.6cf40f0a72b42p-34,
        0x1.7c9cdda17cfa2p-34, 0x1.8be5954d35ffcp-34, 0x1.9ad8055223764p-34,
        0x1.a97c8be5d519bp-34, 0x1.b7da5dddda35dp-34, 0x1.c5f7bd78c3f25p-34,
        0x1.d3da24df17bd4p-34, 0x1.e186678f172fcp-34, 0x1.ef00ccf5f4f4ep-34,
        0x1.fc4d25d6831aep-34, 0x1.04b76ed6a752bp-33, 0x1.0b348479b80d0p-33,
        0x1.119f38749f584p-33, 0x1.17f8ceb4bdf77p-33, 0x1.1e426e93e49bep-33,
        0x1.247d26538ff07p-33, 0x1.2aa9ee12367e4p-33, 0x1.30c9aa526da26p-33,
        0x1.36dd2e26d81dep-33, 0x1.3ce53d121627cp-33, 0x1.42e28ca706726p-33,
        0x1.48d5c5f35e6f0p-33, 0x1.4ebf86bcd0b72p-33, 0x1.54a0629786f2bp-33,
        0x1.5a78e3db8beddp-33, 0x1.60498c7dd2eafp-33, 0x1.6612d6d0c68c1p-33,
        0x1.6bd5362faa926p-33, 0x1.719117979909ep-33, 0x1.7746e23077956p-33,
        0x1.7cf6f7c7e8155p-33, 0x1.82a1b53fed57dp-33, 0x1.884772f2be1d0p-33,
        0x1.8de8850d0c50ep-33, 0x1.93853bdfda22ap-33, 0x1.991de42ad131ep-33,
        0x1.9eb2c75ff03a4p-33, 0x1.a4442be148830p-33, 0x1.a9d255396d247p-33,
        0x1.af5d844f224b0p-33, 0x1.b4e5f794c9782p-33, 0x1.ba6beb33f8f70p-33,
        0x1.bfef99359fe80p-33, 0x1.c57139a70d286p-33, 0x1.caf102bc25ac3p-33,
        0x1.d06f28ef0e6e3p-33, 0x1.d5ebdf1d86b75p-33, 0x1.db6756a429040p-33,
        0x1.e0e1bf77c31e7p-33, 0x1.e65b483cf102dp-33, 0x1.ebd41e5e21b4cp-33,
        0x1.f14c6e202948ap-33, 0x1.f6c462b57fea0p-33, 0x1.fc3c26504a98bp-33,
        0x1.00d9f119a3ccep-32, 0x1.0395df60db157p-32, 0x1.0651f1c7276eep-32,
        0x1.090e3bb4b0069p-32, 0x1.0bcad0371012ep-32, 0x1.0e87c207a2f5dp-32,
        0x1.114523917ac0dp-32, 0x1.140306f707db5p-32, 0x1.16c17e1777ff2p-32,
        0x1.19809a93d238cp-32, 0x1.1c406dd3d5279p-32, 0x1.1f01090a9c4d8p-32,
        0x1.21c27d3b10dfbp-32, 0x1.2484db3c2a320p-32, 0x1.274833bd01896p-32,
        0x1.2a0c9748bcda1p-32, 0x1.2cd2164a53b55p-32, 0x1.2f98c11031718p-32,
        0x1.3260a7cfb7609p-32, 0x1.3529daa8a1b99p-32, 0x1.37f469a851ae8p-32,
        0x1.3ac064ccfeff5p-32, 0x1.3d8ddc08d3366p-32, 0x1.405cdf44f09bdp-32,
        0x1.432d7e6466cc9p-32, 0x1.45ffc94716ca0p-32, 0x1.48d3cfcc883bdp-32,
        0x1.4ba9a1d6b189dp-32, 0x1.4e814f4cb45e3p-32, 0x1.515ae81d900f4p-32,
        0x1.54367c42cb5f1p-32, 0x1.57141bc316f21p-32, 0x1.59f3d6b4e9cf3p-32,
        0x1.5cd5bd411932fp-32, 0x1.5fb9dfa56cf21p-32, 0x1.62a04e3731a28p-32,
        0x1.65891965c9b87p-32, 0x1.687451bd3ebeap-32, 0x1.6b6207e8d3cdbp-32,
        0x1.6e524cb59a604p-32, 0x1.714531150a9f7p-32, 0x1.743ac61fa0419p-32,
        0x1.77331d177d12dp-32, 0x1.7a2e476b12408p-32, 0x1.7d2c56b7d17f5p-32,
        0x1.802d5ccce7275p-32, 0x1.83316badfe628p-32, 0x1.86389596108e5p-32,
        0x1.8942ecfa40f52p-32, 0x1.8c50848cc6092p-32, 0x1.8f616f3fe1511p-32,
        0x1.9275c048e73dfp-32, 0x1.958d8b2358288p-32, 0x1.98a8e3940bbf2p-32,
        0x1.9bc7ddac7035bp-32, 0x1.9eea8dcdde950p-32, 0x1.a21108ad0592cp-32,
        0x1.a53b63556c68ep-32, 0x1.a869b32d0f30ep-32, 0x1.ab9c0df816579p-32,
        0x1.aed289dcaacffp-32, 0x1.b20d3d66e8bb6p-32, 0x1.b54c3f8cf2543p-32,
        0x1.b88fa7b324fb7p-32, 0x1.bbd78db072612p-32, 0x1.bf2409d2dfd87p-32,
        0x1.c27534e42e02fp-32, 0x1.c5cb282eab1a7p-32, 0x1.c925fd82323fep-32,
        0x1.cc85cf395a56fp-32, 0x1.cfeab83ed7183p-32, 0x1.d354d4130f2b1p-32,
        0x1.d6c43ed1ea402p-32, 0x1.da391538da50ep-32, 0x1.ddb374ad23583p-32,
        0x1.e1337b42650a0p-32, 0x1.e4b947c16a456p-32, 0x1.e844f9af42384p-32,
        0x1.ebd6b154a767ep-32, 0x1.ef6e8fc5b916ep-32, 0x1.f30cb6ea0bc85p-32,
        0x1.f6b1498515ed6p-32, 0x1.fa5c6b3efe1ecp-32, 0x1.fe0e40add09e0p-32,
        0x1.00e377af911d8p-31, 0x1.02c34ef11391ep-31, 0x1.04a6b9e9224a6p-31,
        0x1.068dccf1126dep-31, 0x1.08789cf3aad12p-31, 0x1.0a673f733c81dp-31,
        0x1.0c59ca9009473p-31, 0x1.0e50550efcfbbp-31, 0x1.104af660befd2p-31,
        0x1.1249c6a92154ep-31, 0x1.144cdec6f3a2fp-31, 0x1.1654585c404c4p-31,
        0x1.18604dd6faea1p-31, 0x1.1a70da7a27824p-31, 0x1.1c861a6782a5ep-31,
        0x1.1ea02aa9b3374p-31, 0x1.20bf293f0f4a5p-31, 0x1.22e33524fe553p-31,
        0x1.250c6e6403bbdp-31, 0x1.273af61c7daa9p-31, 0x1.296eee942532ep-31,
        0x1.2ba87b445db54p-31, 0x1.2de7c0e962d74p-31, 0x1.302ce59265969p-31,
        0x1.327810b2aa7d5p-31, 0x1.34c96b33bc96ap-31, 0x1.37211f88ca85bp-31,
        0x1.397f59c345148p-31, 0x1.3be447a8d8b88p-31, 0x1.3e5018cadded4p-31,
        0x1.40c2fe9f5eeb2p-31, 0x1.433d2c9bd42fdp-31, 0x1.45bed851bc932p-31,
        0x1.4848398d39438p-31, 0x1.4ad98a75da152p-31, 0x1.4d7307b1cb12dp-31,
        0x1.5014f08b9950fp-31, 0x1.52bf871acaab9p-31, 0x1.5573106f8a762p-31,
        0x1.582fd4c1b4469p-31, 0x1.5af61fa38e10fp-31, 0x1.5dc640388bda5p-31,
        0x1.60a0897081881p-31, 0x1.63855247b2e9dp-31, 0x1.6674f60c3f43bp-31,
        0x1.696fd4a9748f8p-31, 0x1.6c7652f9a7b28p-31, 0x1.6f88db1f42511p-31,
        0x1.72a7dce5cd222p-31, 0x1.75d3ce2bd71cep-31, 0x1.790d2b56b7205p-31,
        0x1.7c5477d1476e0p-31, 0x1.7faa3e96e1420p-31, 0x1.830f12cc0bed1p-31,
        0x1.8683906687350p-31, 0x1.8a085ce695bb9p-31, 0x1.8d9e2823b36a4p-31,
        0x1.9145ad2f37553p-31, 0x1.94ffb34fc2a1ep-31, 0x1.98cd0f18d1ae8p-31,
        0x1.9caea3a24d9fbp-31, 0x1.a0a563e49f18ap-31, 0x1.a4b2543e84c4ep-31,
        0x1.a8d68c2ad86fdp-31, 0x1.ad13382d845d9p-31, 0x1.b1699c003b61fp-31,
        0x1.b5db15091ea25p-31, 0x1.ba691d276da75p-31, 0x1.bf154de4bef8fp-31,
        0x1.c3e1641c2e0c0p-31, 0x1.c8cf442c8c90ep-31, 0x1.cde0fecf2a99bp-31,
        0x1.d318d6b2738e2p-31, 0x1.d87946fec3c0ap-31, 0x1.de050af4ef1bep-31,
        0x1.e3bf26e190980p-31, 0x1.e9aaf2af383e2p-31, 0x1.efcc26750ea6cp-31,
        0x1.f626e9791f7cbp-31, 0x1.fcbfe43f6c70cp-31, 0x1.01ce2b362ec42p-30,
        0x1.056118bf58f04p-30, 0x1.091c1cdcba564p-30, 0x1.0d031785d48b8p-30,
        0x1.111a8034392c0p-30, 0x1.1567867754445p-30, 0x1.19f03bcb3c2f3p-30,
        0x1.1ebbca0c9fa9bp-30, 0x1.23d2bb65991c0p-30, 0x1.293f5ae49aac9p-30,
        0x1.2f0e38a441217p-30, 0x1.354ee27ccf788p-30, 0x1.3c14ec7c8b890p-30,
        0x1.4379766e41396p-30, 0x1.4b9d7cd47520cp-30, 0x1.54ad83ccf7438p-30,
        0x1.5ee7ae173141fp-30, 0x1.6aa676d4bbfcbp-30, 0x1.78750d6eac69ap-30,
        0x1.8939fe6f2ed9fp-30, 0x1.9e9dc0d487c37p-30, 0x1.bc39e51da7303p-30,
        0x1.ec9d9297ebd6fp-30,
    ]

    /// Exponential: e^-x at each layer's edge.
    static let fe: [Double] = [
        0x1.0000000000000p+0, 0x1.e0545e58811fap-1, 0x1.cd0a65082007bp-1,
        0x1.be5007beb7b96p-1, 0x1.b210f0ee67f88p-1, 0x1.a76baa562fb39p-1,
        0x1.9de9715556de4p-1, 0x1.95431c455aa7cp-1, 0x1.8d4a376d3d26dp-1,
        0x1.85de87806c5f1p-1, 0x1.7ee8a2d24315cp-1, 0x1.7856e9b09d4b1p-1,
        0x1.721bb5ba94b93p-1, 0x1.6c2c3498418f3p-1, 0x1.667fa6d4f5c31p-1,
        0x1.610edc1a7af8fp-1, 0x1.5bd3d694cac9cp-1, 0x1.56c9882da8798p-1,
        0x1.51eba157889bdp-1, 0x1.4d366c151f8d0p-1, 0x1.48a6afb8ee089p-1,
        0x1.44399afa8e144p-1, 0x1.3fecb2bb18b9dp-1, 0x1.3bbdc44e1d130p-1,
        0x1.37aada708ddf5p-1, 0x1.33b23450e6333p-1, 0x1.2fd23e345da78p-1,
        0x1.2c098b61f4f3dp-1, 0x1.2856d111132d5p-1, 0x1.24b8e228c50bap-1,
        0x1.212eaba813edfp-1, 0x1.1db7319877b9fp-1, 0x1.1a518c71e3b3ap-1,
        0x1.16fce6dce7002p-1, 0x1.13b87bc3316afp-1, 0x1.108394a1cc39fp-1,
        0x1.0d5d8812b1e3dp-1, 0x1.0a45b8854d03bp-1, 0x1.073b931ee3b8ep-1,
        0x1.043e8ebd26558p-1, 0x1.014e2b160f334p-1, 0x1.fcd3dfe214595p-2,
        0x1.f722d8ebfc618p-2, 0x1.f1886d1eb426ap-2, 0x1.ec03d4b969dacp-2,
        0x1.e6945367dd36cp-2, 0x1.e139375e13817p-2, 0x1.dbf1d88a72126p-2,
        0x1.d6bd97db9ed93p-2, 0x1.d19bde97e1a23p-2, 0x1.cc8c1dc40e0aap-2,
        0x1.c78dcd983fb78p-2, 0x1.c2a06d00ea59ap-2, 0x1.bdc3812aeeeccp-2,
        0x1.b8f6951990b9ep-2, 0x1.b439394548085p-2, 0x1.af8b03428ef75p-2,
        0x1.aaeb8d6fdf6fap-2, 0x1.a65a76aa30154p-2, 0x1.a1d7620752207p-2,
        0x1.9d61f695a37a5p-2, 0x1.98f9df2097bbbp-2, 0x1.949ec9f9a8122p-2,
        0x1.905068c545d16p-2, 0x1.8c0e704b75d4bp-2, 0x1.87d8984bc3f9dp-2,
        0x1.83ae9b5446149p-2, 0x1.7f90369b6ce69p-2, 0x1.7b7d29dc6802ep-2,
        0x1.77753735e72f3p-2, 0x1.7378230b08dfap-2, 0x1.6f85b3e649eabp-2,
        0x1.6b9db25e4e9a9p-2, 0x1.67bfe8fc60dabp-2, 0x1.63ec2424827f0p-2,
        0x1.602231fef5882p-2, 0x1.5c61e2631ee78p-2, 0x1.58ab06c3aa9fbp-2,
        0x1.54fd721bda3f3p-2, 0x1.5158f8dde8a02p-2, 0x1.4dbd70e26f92ap-2,
        0x1.4a2ab158bdadfp-2, 0x1.46a092b80befbp-2, 0x1.431eeeb1841edp-2,
        0x1.3fa5a0230a159p-2, 0x1.3c34830abb28fp-2, 0x1.38cb747b17df9p-2,
        0x1.356a528fcd0e7p-2, 0x1.3210fc631243ep-2, 0x1.2ebf520394279p-2,
        0x1.2b75346ae226bp-2, 0x1.2832857457631p-2, 0x1.24f727d477705p-2,
        0x1.21c2ff10b7f07p-2, 0x1.1e95ef77b09e2p-2, 0x1.1b6fde19abc61p-2,
        0x1.1850b0c191989p-2, 0x1.15384dee291f7p-2, 0x1.12269ccba9fc2p-2,
        0x1.0f1b852d9a673p-2, 0x1.0c16ef88f5339p-2, 0x1.0918c4ee93e19p-2,
        0x1.0620ef05d90d8p-2, 0x1.032f580797c32p-2, 0x1.0043eab934770p-2,
        0x1.fabd24cff935fp-3, 0x1.f4fe75c963e87p-3, 0x1.ef4ba0fe8e0a4p-3,
        0x1.e9a48005940f9p-3, 0x1.e408ed62f83aep-3, 0x1.de78c48224f3ep-3,
        0x1.d8f3e1ae3eebdp-3, 0x1.d37a220b43201p-3, 0x1.ce0b638f6d0a2p-3,
        0x1.c8a784fce1805p-3, 0x1.c34e65db9aff1p-3, 0x1.bdffe67394438p-3,
        0x1.b8bbe7c72e4a8p-3, 0x1.b3824b8dcef41p-3, 0x1.ae52f42eb5b0fp-3,
        0x1.a92dc4bc03c4cp-3, 0x1.a412a0edf5cbfp-3, 0x1.9f016d1e4c515p-3,
        0x1.99fa0e43e1626p-3, 0x1.94fc69ee692a3p-3, 0x1.900866425bb7bp-3,
        0x1.8b1de9f5062d7p-3, 0x1.863cdc48c1afbp-3, 0x1.816525094e7e7p-3,
        0x1.7c96ac8851bafp-3, 0x1.77d15b99f46fdp-3, 0x1.73151b91a2838p-3,
        0x1.6e61d63ee84e9p-3, 0x1.69b775ea6da26p-3, 0x1.6515e5530d1a9p-3,
        0x1.607d0fab06a2ep-3, 0x1.5bece0954c2b2p-3, 0x1.57654422e78f1p-3,
        0x1.52e626d078c45p-3, 0x1.4e6f7583cb6f5p-3, 0x1.4a011d8983091p-3,
        0x1.459b0c92dccc1p-3, 0x1.413d30b386a95p-3, 0x1.3ce7785f8a900p-3,
        0x1.3899d2694d5c4p-3, 0x1.34542dffa0caap-3, 0x1.30167aabe7d68p-3,
        0x1.2be0a8504cf2dp-3, 0x1.27b2a72609939p-3, 0x1.238c67bbbe871p-3,
        0x1.1f6ddaf3dca5ep-3, 0x1.1b56f2031d65fp-3, 0x1.17479e6f0ae70p-3,
        0x1.133fd20c97127p-3, 0x1.0f3f7efec1719p-3, 0x1.0b4697b54b629p-3,
        0x1.07550eeb7a5b8p-3, 0x1.036ad7a6e7efep-3, 0x1.ff0fca6cbea7fp-4,
        0x1.f758566190406p-4, 0x1.efaf3ae83c32dp-4, 0x1.e8146048eb9bep-4,
        0x1.e087af561baedp-4, 0x1.d909116ad938ap-4, 0x1.d198706914dcap-4,
        0x1.ca35b6b80fd4bp-4, 0x1.c2e0cf42e10a3p-4, 0x1.bb99a57712681p-4,
        0x1.b46025435653bp-4, 0x1.ad343b1655459p-4, 0x1.a615d3dd938acp-4,
        0x1.9f04dd046f41ep-4, 0x1.9801447336b67p-4, 0x1.910af88e574b0p-4,
        0x1.8a21e835a5331p-4, 0x1.834602c3bc4aep-4, 0x1.7c77380d7a6e6p-4,
        0x1.75b5786193c10p-4, 0x1.6f00b488416a9p-4, 0x1.6858ddc30b613p-4,
        0x1.61bde5ccadeeap-4, 0x1.5b2fbed91bb32p-4, 0x1.54ae5b959d02ap-4,
        0x1.4e39af290d91cp-4, 0x1.47d1ad343984fp-4, 0x1.417649d25b100p-4,
        0x1.3b277999b9f90p-4, 0x1.34e5319c6e709p-4, 0x1.2eaf676948dc3p-4,
        0x1.2886110ce0561p-4, 0x1.22692512c9d7bp-4, 0x1.1c589a86fa32ep-4,
        0x1.165468f755381p-4, 0x1.105c88756ca40p-4, 0x1.0a70f19871b2cp-4,
        0x1.04919d7f5c806p-4, 0x1.fd7d0ba699654p-5, 0x1.f1ef49944e811p-5,
        0x1.e679ea52eb2c1p-5, 0x1.db1ce493157ebp-5, 0x1.cfd83031e7925p-5,
        0x1.c4abc640721c5p-5, 0x1.b997a10bed95ep-5, 0x1.ae9bbc26a805bp-5,
        0x1.a3b81471bf10dp-5, 0x1.98eca827b7c20p-5, 0x1.8e3976e807742p-5,
        0x1.839e81c3a3940p-5, 0x1.791bcb4ab0873p-5, 0x1.6eb1579b6af28p-5,
        0x1.645f2c726a017p-5, 0x1.5a25513c5d29fp-5, 0x1.5003cf296c5c1p-5,
        0x1.45fab14266aedp-5, 0x1.3c0a047ff18d2p-5, 0x1.3231d7e3f1481p-5,
        0x1.28723c956bfdfp-5, 0x1.1ecb45ff312a6p-5, 0x1.153d09f19b373p-5,
        0x1.0bc7a0c7cd624p-5, 0x1.026b2590dfac0p-5, 0x1.f24f6c7af9834p-6,
        0x1.dffae7a51740bp-6, 0x1.cdd9054331aadp-6, 0x1.bbea150fa5810p-6,
        0x1.aa2e6e6924e3bp-6, 0x1.98a670f1329e9p-6, 0x1.8752853ec9909p-6,
        0x1.76331da87fc38p-6, 0x1.6548b72a2401bp-6, 0x1.5493da6ab01f6p-6,
        0x1.44151ce87f062p-6, 0x1.33cd225315d27p-6, 0x1.23bc9e1b939d5p-6,
        0x1.13e4554725f02p-6, 0x1.04452091e0295p-6, 0x1.e9bfdde89c716p-7,
        0x1.cb6b9146e269fp-7, 0x1.ad8fa5542c878p-7, 0x1.902ea688fa706p-7,
        0x1.734b6e6aa7443p-7, 0x1.56e930be4161cp-7, 0x1.3b0b8c1516eb2p-7,
        0x1.1fb69edb375c3p-7, 0x1.04ef2295fd74cp-7, 0x1.d5751fa745c6dp-8,
        0x1.a23e9d49746e1p-8, 0x1.7049f37ec34cdp-8, 0x1.3fa97cee321b2p-8,
        0x1.1073d69573efdp-8, 0x1.c58b381cd489ap-9, 0x1.6d888f3a1fc9bp-9,
        0x1.1946ba8e1a0d9p-9, 0x1.92bb5540c39c6p-10, 0x1.fb20af78df493p-11,
        0x1.dc31c329efcfbp-12,
    ]

    /// Normal: the layer's acceptance bound on the 31 magnitude bits.
    static let kn: [UInt32] = [
        0x76AD_2212, 0x0000_0000, 0x600F_1B53, 0x6CE4_47A6, 0x725B_46A2, 0x7560_051D,
        0x7749_21EB, 0x789A_25BD, 0x7990_45C3, 0x7A4B_CE5D, 0x7ADF_629F, 0x7B56_82A6,
        0x7BB8_A8C6, 0x7C0A_E722, 0x7C50_CCE7, 0x7C8C_EC5B, 0x7CC1_2CD6, 0x7CEE_FED2,
        0x7D17_7E0B, 0x7D3B_8883, 0x7D5B_CE6C, 0x7D78_DD64, 0x7D93_2886, 0x7DAB_0E57,
        0x7DC0_DD30, 0x7DD4_D688, 0x7DE7_3185, 0x7DF8_1CEA, 0x7E07_C0A3, 0x7E16_3EFA,
        0x7E23_B587, 0x7E30_3DFD, 0x7E3B_EEC2, 0x7E46_DB77, 0x7E51_155D, 0x7E5A_ABB3,
        0x7E63_ABF7, 0x7E6C_222C, 0x7E74_1906, 0x7E7B_9A18, 0x7E82_ADFA, 0x7E89_5C63,
        0x7E8F_AC4B, 0x7E95_A3FB, 0x7E9B_4924, 0x7EA0_A0EF, 0x7EA5_B00D, 0x7EAA_7AC3,
        0x7EAF_04F3, 0x7EB3_522A, 0x7EB7_65A5, 0x7EBB_4259, 0x7EBE_EAFD, 0x7EC2_620A,
        0x7EC5_A9C4, 0x7EC8_C441, 0x7ECB_B365, 0x7ECE_78ED, 0x7ED1_1671, 0x7ED3_8D62,
        0x7ED5_DF12, 0x7ED8_0CB4, 0x7EDA_175C, 0x7EDC_0005, 0x7EDD_C78E, 0x7EDF_6EBF,
        0x7EE0_F647, 0x7EE2_5EBE, 0x7EE3_A8A9, 0x7EE4_D473, 0x7EE5_E276, 0x7EE6_D2F5,
        0x7EE7_A620, 0x7EE8_5C10, 0x7EE8_F4CD, 0x7EE9_7047, 0x7EE9_CE59, 0x7EEA_0ECA,
        0x7EEA_3147, 0x7EEA_3568, 0x7EEA_1AAB, 0x7EE9_E071, 0x7EE9_8602, 0x7EE9_0A88,
        0x7EE8_6D08, 0x7EE7_AC6A, 0x7EE6_C769, 0x7EE5_BC9C, 0x7EE4_8A67, 0x7EE3_2EFC,
        0x7EE1_A857, 0x7EDF_F42F, 0x7EDE_0FFA, 0x7EDB_F8D9, 0x7ED9_AB94, 0x7ED7_248D,
        0x7ED4_5FAE, 0x7ED1_585C, 0x7ECE_095F, 0x7ECA_6CCB, 0x7EC6_7BE2, 0x7EC2_2EEE,
        0x7EBD_7D1A, 0x7EB8_5C35, 0x7EB2_C075, 0x7EAC_9C20, 0x7EA5_DF27, 0x7E9E_769F,
        0x7E96_4C16, 0x7E8D_44BA, 0x7E83_4033, 0x7E78_1728, 0x7E6B_9933, 0x7E5D_8A1A,
        0x7E4D_9DED, 0x7E3B_737A, 0x7E26_8C2F, 0x7E0E_3FF5, 0x7DF1_AA5D, 0x7DCF_8C72,
        0x7DA6_1A1E, 0x7D72_A0FB, 0x7D30_E097, 0x7CD9_B4AB, 0x7C60_0F1A, 0x7BA9_0BDC,
        0x7A72_2176, 0x77D6_64E5,
    ]

    /// Normal: the scale from value bits to x in each layer.
    static let wn: [Double] = [
        0x1.db4668fe7e4a4p-30, 0x1.16db47e193e1ap-33, 0x1.73949184db9dfp-33,
        0x1.b4c8fece48e83p-33, 0x1.e8e576e43fbefp-33, 0x1.0a936da5e55adp-32,
        0x1.1e0ce6b5969b3p-32, 0x1.2f98d6bb4f41fp-32, 0x1.3fabee1911cd7p-32,
        0x1.4e94c08c0bab7p-32, 0x1.5c8afdbf0217bp-32, 0x1.69b7b213f3f69p-32,
        0x1.763a1600eec74p-32, 0x1.822a858af0e7dp-32, 0x1.8d9c6a9d35e3dp-32,
        0x1.989f85c753b2cp-32, 0x1.a340d1baf5b18p-32, 0x1.ad8b2506a137cp-32,
        0x1.b787a7c516f3bp-32, 0x1.c13e2b014e85cp-32, 0x1.cab56ac6a38d3p-32,
        0x1.d3f340dda611cp-32, 0x1.dcfccc51c59f0p-32, 0x1.e5d6909f51b6ap-32,
        0x1.ee848e956826fp-32, 0x1.f70a5866c8f46p-32, 0x1.ff6b21fffe31ap-32,
        0x1.03d4e7391c5b7p-31, 0x1.07e47d87a40f6p-31, 0x1.0be58456ff4aep-31,
        0x1.0fd911b97f236p-31, 0x1.13c024b2c7ec6p-31, 0x1.179ba80463fecp-31,
        0x1.1b6c7492c9735p-31, 0x1.1f335374a10f8p-31, 0x1.22f0ffbaa1e55p-31,
        0x1.26a627fb9d120p-31, 0x1.2a536fae30e33p-31, 0x1.2df97057e7efbp-31,
        0x1.3198ba982d911p-31, 0x1.3531d7146a43ep-31, 0x1.38c54749b9033p-31,
        0x1.3c538647ef792p-31, 0x1.3fdd09591d2a4p-31, 0x1.436240982ad9dp-31,
        0x1.46e39778de063p-31, 0x1.4a617543306ccp-31, 0x1.4ddc3d83a5b84p-31,
        0x1.515450720f455p-31, 0x1.54ca0b4ffd349p-31, 0x1.583dc8bff3219p-31,
        0x1.5bafe11654817p-31, 0x1.5f20aaa4dfc1ap-31, 0x1.62907a0176ebfp-31,
        0x1.65ffa248e016dp-31, 0x1.696e755e16b84p-31, 0x1.6cdd4426b88a5p-31,
        0x1.704c5ec50cb81p-31, 0x1.73bc14d01a2c9p-31, 0x1.772cb58a39dd6p-31,
        0x1.7a9e90168b8eep-31, 0x1.7e11f3adaeb92p-31, 0x1.81872fd21db73p-31,
        0x1.84fe9484873b9p-31, 0x1.88787278810a6p-31, 0x1.8bf51b49ef337p-31,
        0x1.8f74e1b37c6b8p-31, 0x1.92f819c682bf5p-31, 0x1.967f1924c7b06p-31,
        0x1.9a0a373c73f21p-31, 0x1.9d99cd86b58b4p-31, 0x1.a12e37c983369p-31,
        0x1.a4c7d45d01a31p-31, 0x1.a867047516e4fp-31, 0x1.ac0c2c6fc6382p-31,
        0x1.afb7b428fe7a1p-31, 0x1.b36a075498d64p-31, 0x1.b72395df5b73bp-31,
        0x1.bae4d457ee119p-31, 0x1.beae3c60cd0e4p-31, 0x1.c2804d2c6b16fp-31,
        0x1.c65b8c04dbac2p-31, 0x1.ca4084e091e34p-31, 0x1.ce2fcb05f8c34p-31,
        0x1.d229f9bfeefdbp-31, 0x1.d62fb52580b86p-31, 0x1.da41aaf79a344p-31,
        0x1.de609397e09b9p-31, 0x1.e28d331c6723cp-31, 0x1.e6c85a849b015p-31,
        0x1.eb12e91486bbcp-31, 0x1.ef6dcddc7d392p-31, 0x1.f3da097460823p-31,
        0x1.f858aff31cbf0p-31, 0x1.fceaeb2ca5f17p-31, 0x1.00c8fea1720d4p-30,
        0x1.0327a1cc4cf5ep-30, 0x1.05921d1c4d769p-30, 0x1.08093fe3e40e1p-30,
        0x1.0a8ded0ec371ap-30, 0x1.0d211dd28b00fp-30, 0x1.0fc3e4d95f278p-30,
        0x1.12777201834f3p-30, 0x1.153d16d45743dp-30, 0x1.18164be0c1c39p-30,
        0x1.1b04b731f6bccp-30, 0x1.1e0a342cf08f6p-30, 0x1.2128dd36bdf09p-30,
        0x1.246317a6b53c0p-30, 0x1.27bba2b5dbc92p-30, 0x1.2b35aa5ebee3ep-30,
        0x1.2ed4df8099571p-30, 0x1.329d9725e32f7p-30, 0x1.3694f3a3740d9p-30,
        0x1.3ac11b8e206d6p-30, 0x1.3f29848d3b416p-30, 0x1.43d75b60bca1dp-30,
        0x1.48d61806d6010p-30, 0x1.4e3456b0e3a1bp-30, 0x1.54052012a04a4p-30,
        0x1.5a61edf7e8f32p-30, 0x1.616dff7c8f54ap-30, 0x1.695c2be68edc9p-30,
        0x1.7279dd4ac3f9dp-30, 0x1.7d45eb36eb842p-30, 0x1.8aa73e440ffbcp-30,
        0x1.9c8e0c7c8098fp-30, 0x1.b8a7c476d2be8p-30,
    ]

    /// Normal: e^(-x²/2) at each layer's edge.
    static let fn: [Double] = [
        0x1.0000000000000p+0, 0x1.ed5cf060d53bbp-1, 0x1.df6071934c096p-1,
        0x1.d37a74ffb7e3fp-1, 0x1.c8d923f9e066ep-1, 0x1.bf19b6810e602p-1,
        0x1.b6042cf903cb5p-1, 0x1.ad750b7255a18p-1, 0x1.a55418110d29fp-1,
        0x1.9d8fdfaec7beap-1, 0x1.961b4c1afe57ap-1, 0x1.8eec3c5bbfb34p-1,
        0x1.87faa61a739e6p-1, 0x1.814005219cc6ep-1, 0x1.7ab6f9c656c14p-1,
        0x1.745b04d027f1cp-1, 0x1.6e2856a006c14p-1, 0x1.681bab4ebdc18p-1,
        0x1.62322fc593a59p-1, 0x1.5c696d348e881p-1, 0x1.56bf39249a236p-1,
        0x1.5131a8efe6179p-1, 0x1.4bbf07c6c217dp-1, 0x1.4665cea500fb2p-1,
        0x1.41249dc646445p-1, 0x1.3bfa374538788p-1, 0x1.36e57aa698262p-1,
        0x1.31e5612065cfcp-1, 0x1.2cf8fa78591b5p-1, 0x1.281f6a5d2446ap-1,
        0x1.2357e62428f89p-1, 0x1.1ea1b2d9efcb5p-1, 0x1.19fc239747fabp-1,
        0x1.1566980fb8bacp-1, 0x1.10e07b5015e52p-1, 0x1.0c6942a5bbca5p-1,
        0x1.08006ca84dde0p-1, 0x1.03a58060e667cp-1, 0x1.feb0191503b06p-2,
        0x1.f62f4dd04549dp-2, 0x1.edc7d75b77106p-2, 0x1.e578f9f2c936cp-2,
        0x1.dd4204b58297ep-2, 0x1.d52250cd9b948p-2, 0x1.cd1940ad1b140p-2,
        0x1.c5263f5e989c0p-2, 0x1.bd48bfe6a41dfp-2, 0x1.b5803cb422f1dp-2,
        0x1.adcc371df4166p-2, 0x1.a62c36ec664dap-2, 0x1.9e9fc9ed3ad0ap-2,
        0x1.97268391186b6p-2, 0x1.8fbffc917614cp-2, 0x1.886bd29e22628p-2,
        0x1.8129a811a7651p-2, 0x1.79f923abe1175p-2, 0x1.72d9f05230366p-2,
        0x1.6bcbbcd4c4723p-2, 0x1.64ce3bb887d89p-2, 0x1.5de12305426e6p-2,
        0x1.57042c17986d6p-2, 0x1.503713768fb3fp-2, 0x1.497998ac51ea1p-2,
        0x1.42cb7e21e8c52p-2, 0x1.3c2c88fdb8dd0p-2, 0x1.359c810485cb7p-2,
        0x1.2f1b307ccfe9ap-2, 0x1.28a864146107ep-2, 0x1.2243eac7e2068p-2,
        0x1.1bed95cc5751fp-2, 0x1.15a5387a66034p-2, 0x1.0f6aa83b46cf7p-2,
        0x1.093dbc774f1a0p-2, 0x1.031e4e85fb6a1p-2, 0x1.fa18733ed2789p-3,
        0x1.ee0eb59e61862p-3, 0x1.e21f21d12332ep-3, 0x1.d64978f7cf9d6p-3,
        0x1.ca8d7f9ac2021p-3, 0x1.beeafd99d710fp-3, 0x1.b361be1eb801cp-3,
        0x1.a7f18f918fb5cp-3, 0x1.9c9a43902c0f3p-3, 0x1.915baee792bf0p-3,
        0x1.8635a99016373p-3, 0x1.7b280eabfd4b9p-3, 0x1.7032bc88d676ap-3,
        0x1.655594a396d54p-3, 0x1.5a907baface5fp-3, 0x1.4fe359a138234p-3,
        0x1.454e19baa0e72p-3, 0x1.3ad0aa9dd7fa4p-3, 0x1.306afe6193144p-3,
        0x1.261d0aaaebe72p-3, 0x1.1be6c8cbda96fp-3, 0x1.11c835e71b728p-3,
        0x1.07c1531a2b49bp-3, 0x1.fba44b5c4de8bp-4, 0x1.e7f56ea105fbcp-4,
        0x1.d4762ca983a5ap-4, 0x1.c126ac011775fp-4, 0x1.ae071dc7af28fp-4,
        0x1.9b17be7e63eebp-4, 0x1.8858d6f54ff30p-4, 0x1.75cabd60e5dbbp-4,
        0x1.636dd69e8c211p-4, 0x1.514297b239a5bp-4, 0x1.3f4987896ad6ap-4,
        0x1.2d8341133a33bp-4, 0x1.1bf075c20a9fep-4, 0x1.0a91f09183c33p-4,
        0x1.f2d13368bd127p-5, 0x1.d0eaf63395868p-5, 0x1.af738c17a5016p-5,
        0x1.8e6db483bc1bbp-5, 0x1.6ddc9dd1fe248p-5, 0x1.4dc3fcbd99702p-5,
        0x1.2e282b724adacp-5, 0x1.0f0e539c89b76p-5, 0x1.e0f951d57e236p-6,
        0x1.a4f57a25d9cbdp-6, 0x1.6a23fa9d5f276p-6, 0x1.309cee4e09981p-6,
        0x1.f100847645165p-7, 0x1.83f4bed19339ap-7, 0x1.1a9b6b3fc1937p-7,
        0x1.6ba8b0ffb627ep-8, 0x1.5de9e33726f20p-9,
    ]
}

extension RandomStream {
    /// A standard exponential sample (mean 1), by the ziggurat method.
    ///
    /// The rectangle test that accepts about 99% of draws is inlined where it is called; the rest of
    /// the method (the wedges and the tail, and the draws after a rejection) goes on out of line from
    /// the same first draw, so the numbers are those of one loop.
    @inline(__always)
    public mutating func standardExponential() -> Double {
        let bits = next()
        let layer = Int(bits & 255)
        let value = UInt32(truncatingIfNeeded: bits >> 32)
        if value < Ziggurat.ke[layer] { return Double(value) * Ziggurat.we[layer] }
        return standardExponential(after: bits)
    }

    /// ``standardExponential()`` from a first draw `bits` that its rectangle test did not accept.
    @inline(never)
    mutating func standardExponential(after first: UInt64) -> Double {
        var bits = first
        while true {
            let layer = Int(bits & 255)
            let value = UInt32(truncatingIfNeeded: bits >> 32)
            if value < Ziggurat.ke[layer] { return Double(value) * Ziggurat.we[layer] }
            if layer == 0 { return Ziggurat.exponentialR - log(1 - unit()) }
            let x = Double(value) * Ziggurat.we[layer]
            if Ziggurat.fe[layer] + unit() * (Ziggurat.fe[layer - 1] - Ziggurat.fe[layer]) < exp(-x) {
                return x
            }
            bits = next()
        }
    }

    /// A standard normal sample, by the ziggurat method (the rectangle test inlined, as for
    /// ``standardExponential()``).
    @inline(__always)
    public mutating func standardNormalZiggurat() -> Double {
        let bits = next()
        let layer = Int(bits & 127)
        let signed = Int32(truncatingIfNeeded: bits >> 32)
        if signed.magnitude < Ziggurat.kn[layer] { return Double(signed) * Ziggurat.wn[layer] }
        return standardNormal(after: bits)
    }

    /// ``standardNormalZiggurat()`` from a first draw `bits` that its rectangle test did not accept.
    @inline(never)
    mutating func standardNormal(after first: UInt64) -> Double {
        var bits = first
        while true {
            let layer = Int(bits & 127)
            let signed = Int32(truncatingIfNeeded: bits >> 32)
            let magnitude = signed.magnitude
            if magnitude < Ziggurat.kn[layer] { return Double(signed) * Ziggurat.wn[layer] }
            if layer == 0 {
                // The tail beyond r, by Marsaglia's method.
                var x: Double
                var y: Double
                repeat {
                    x = -log(1 - unit()) / Ziggurat.normalR
                    y = -log(1 - unit())
                } while y + y < x * x
                return signed > 0 ? Ziggurat.normalR + x : -Ziggurat.normalR - x
            }
            let x = Double(signed) * Ziggurat.wn[layer]
            if Ziggurat.fn[layer] + unit() * (Ziggurat.fn[layer - 1] - Ziggurat.fn[layer]) < exp(-0.5 * x * x)
            {
                return x
            }
            bits = next()
        }
    }
}
