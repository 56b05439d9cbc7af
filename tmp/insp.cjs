const {onnx}=require('onnx-proto');const fs=require('fs');
const m=onnx.ModelProto.decode(fs.readFileSync(process.argv[2]));
const h={};const walk=(g,d)=>{for(const n of g.node){h[d+n.opType]=(h[d+n.opType]||0)+1;for(const a of n.attribute){if(a.g)walk(a.g,d+'  ');for(const gg of a.graphs||[])walk(gg,d+'  ')}}};
walk(m.graph,'');console.log(m.irVersion, m.opsetImport, m.graph.initializer.length, m.graph.input.map(i=>i.name), h);
const re=onnx.ModelProto.encode(m).finish();console.log(fs.statSync(process.argv[2]).size, re.length);
