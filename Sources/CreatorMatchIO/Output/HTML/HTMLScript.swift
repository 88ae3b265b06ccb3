/// The one inline script of the reports: sorting a table by a column, filtering its rows by
/// tier and platform, and opening a creator's card from its row. The page reads fully without
/// it (the creator names are plain links to the cards).
enum HTMLScript {
  /// The script. Sort keys come from each cell's `data-v` (numbers) or its text; filters match a
  /// row's `data-tier` and `data-platform`; a row with `data-card` opens that card.
  static let source = """
    (function(){
    "use strict";
    function key(row,i,num){var c=row.cells[i];if(!c)return num?-Infinity:"";
    var v=c.getAttribute("data-v");if(num){var n=parseFloat(v===null?c.textContent:v);return isNaN(n)?-Infinity:n;}
    return (v===null?c.textContent:v).toLowerCase();}
    document.querySelectorAll("table.sortable").forEach(function(table){
    var heads=table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads,function(th,i){var b=th.querySelector("button");if(!b)return;
    b.addEventListener("click",function(){var num=th.getAttribute("data-type")==="num";
    var asc=th.getAttribute("aria-sort")!=="ascending";
    Array.prototype.forEach.call(heads,function(h){h.removeAttribute("aria-sort");});
    th.setAttribute("aria-sort",asc?"ascending":"descending");
    var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
    rows.sort(function(a,b){var x=key(a,i,num),y=key(b,i,num);return x<y?(asc?-1:1):x>y?(asc?1:-1):0;});
    rows.forEach(function(r){body.appendChild(r);});});});});
    document.querySelectorAll(".filters").forEach(function(box){
    var table=document.getElementById(box.getAttribute("data-table"));if(!table)return;
    var selects=box.querySelectorAll("select");var count=box.querySelector(".count");
    function apply(){var shown=0;Array.prototype.forEach.call(table.tBodies[0].rows,function(r){
    var ok=true;selects.forEach(function(s){if(s.value&&r.getAttribute("data-"+s.name)!==s.value)ok=false;});
    r.hidden=!ok;if(ok)shown++;});if(count)count.textContent=shown+" shown";}
    selects.forEach(function(s){s.addEventListener("change",apply);});});
    document.querySelectorAll("tr[data-card]").forEach(function(r){r.classList.add("link");
    r.addEventListener("click",function(e){if(e.target.closest("a"))return;location.hash=r.getAttribute("data-card");});});
    })();

    """
}
