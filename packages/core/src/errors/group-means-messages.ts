// The words of groupMeans (analyze/group-means.ts): its argument errors, in Japanese and English.
import { defineMessages } from "./catalogue.js";

type Fn = { fn: string };

export const groupMeansMessages = defineMessages("groupMeans", {
  companyWeightsNeedCluster: {
    en: (p: Fn) => `${p.fn}: weights "company" (each company counts once) needs the column that names the company: pass cluster: "company"`,
    ja: (p: Fn) => `${p.fn}: weights "company"（会社ごとに1票）には会社の列が必要です（cluster: "company" のように指定してください）`,
  },
  noRows: {
    en: (p: Fn & { column: string }) => `${p.fn}: no row has a value in "${p.column}" together with the group, the cluster and the weight`,
    ja: (p: Fn & { column: string }) => `${p.fn}: 列「${p.column}」の値があり、グループ・クラスター・重みもそろった行がありません`,
  },
});
